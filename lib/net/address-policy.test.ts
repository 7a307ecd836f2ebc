import { describe, expect, it } from "vitest";
import { classifyAddress, isIpAddress, restrictedReason, urlHost } from "./address-policy";

describe("classifyAddress", () => {
  it.each([
    ["127.0.0.1", "loopback"],
    ["127.255.255.254", "loopback"],
    ["::1", "loopback"],
    ["0:0:0:0:0:0:0:1", "loopback"],
    ["10.0.0.1", "private"],
    ["10.255.255.255", "private"],
    ["172.16.0.1", "private"],
    ["172.31.255.255", "private"],
    ["192.168.1.20", "private"],
    ["fc00::1", "private"],
    ["fd12:3456:789a::1", "private"],
    ["169.254.169.254", "link-local"],
    ["169.254.0.1", "link-local"],
    ["fe80::1", "link-local"],
    ["fe80::1%eth0", "link-local"],
    ["febf:ffff::1", "link-local"],
    ["0.0.0.0", "unspecified"],
    ["0.1.2.3", "unspecified"],
    ["::", "unspecified"],
    ["100.64.0.1", "shared"],
    ["100.127.255.255", "shared"],
    ["192.0.0.1", "reserved"],
    ["192.0.0.170", "reserved"],
    ["198.18.0.1", "reserved"],
    ["198.19.255.255", "reserved"],
    ["240.0.0.1", "reserved"],
    ["224.0.0.1", "multicast"],
    ["239.255.255.250", "multicast"],
    ["ff02::1", "multicast"],
    ["ff05::1:3", "multicast"],
    ["255.255.255.255", "broadcast"],
    ["0:0:0:0:0:0:0:0", "unspecified"],
  ] as const)("%s is %s", (ip, kind) => {
    expect(classifyAddress(ip)).toBe(kind);
  });

  it.each([
    ["::ffff:127.0.0.1", "loopback"],
    ["::ffff:7f00:1", "loopback"],
    ["0:0:0:0:0:ffff:10.1.2.3", "private"],
    ["::ffff:a9fe:a9fe", "link-local"],
    ["::FFFF:192.168.0.1", "private"],
    ["64:ff9b::10.0.0.1", "private"],
    ["[::ffff:127.0.0.1]", "loopback"],
    // IPv4-compatible (deprecated, ::a.b.c.d)
    ["::127.0.0.1", "loopback"],
    ["::10.0.0.1", "private"],
    ["::a9fe:a9fe", "link-local"],
    ["::2", "reserved"],
    // NAT64 well-known and local-use prefixes
    ["64:ff9b::7f00:1", "loopback"],
    ["64:ff9b::169.254.169.254", "link-local"],
    ["64:ff9b:1::8.8.8.8", "private"],
    ["64:ff9b:1:abcd::1", "private"],
    // 6to4: the IPv4 address in the second and third groups
    ["2002:7f00:1::", "loopback"],
    ["2002:a9fe:a9fe::1", "link-local"],
    ["2002:c0a8:101::1", "private"],
    // Teredo: the server's address, or the client's with its bits inverted
    ["2001:0:7f00:1::1", "loopback"],
    ["2001:0:808:808::3f57:fefe", "private"],
  ] as const)("IPv4 inside IPv6: %s is %s", (ip, kind) => {
    expect(classifyAddress(ip)).toBe(kind);
  });

  it.each([
    "8.8.8.8",
    "1.1.1.1",
    "172.15.255.255",
    "172.32.0.1",
    "192.169.0.1",
    "169.253.255.255",
    "100.63.255.255",
    "100.128.0.1",
    "11.0.0.1",
    "126.255.255.255",
    "128.0.0.1",
    "2001:4860:4860::8888",
    "::ffff:8.8.8.8",
    "fe00::1",
    "64:ff9b::8.8.8.8",
    "::8.8.8.8",
    "2002:808:808::1",
    "2001:0:808:808::f7f7:f7f7",
    "192.0.2.1",
    "198.17.255.255",
    "198.20.0.1",
    "223.255.255.255",
  ])("%s is public", (ip) => {
    expect(classifyAddress(ip)).toBeNull();
  });

  it.each(["localhost", "example.com", "256.0.0.1", "1.2.3", "1.2.3.4.5", "01.2.3.4x", "1:2:3:4:5:6:7:8:9", "1::2::3", "12345::1", "", "::ffff:300.1.1.1"])(
    "%j is not an IP address",
    (text) => {
      expect(isIpAddress(text)).toBe(false);
      expect(() => classifyAddress(text)).toThrow("not an IP address");
    },
  );
});

describe("isIpAddress", () => {
  it.each(["1.2.3.4", "::", "::1", "2001:db8::1", "1:2:3:4:5:6:7:8", "1:2:3:4:5:6:1.2.3.4", "[::1]"])("%s is an IP address", (ip) => {
    expect(isIpAddress(ip)).toBe(true);
  });
});

describe("restrictedReason", () => {
  it("says what the address is, naming the metadata service for link-local", () => {
    expect(restrictedReason("loopback")).toContain("loopback");
    expect(restrictedReason("link-local")).toContain("169.254.169.254");
  });
});

describe("urlHost", () => {
  it("gives the host a resolver takes", () => {
    expect(urlHost("http://127.0.0.1:9/x")).toBe("127.0.0.1");
    expect(urlHost("https://[::1]:8443/hook")).toBe("::1");
    expect(urlHost("https://hooks.example.com/t?token=1")).toBe("hooks.example.com");
    // The URL parser normalises other spellings of an IPv4 address.
    expect(urlHost("http://2130706433/")).toBe("127.0.0.1");
    expect(urlHost("http://0x7f.1/")).toBe("127.0.0.1");
  });
});
