import { describe, expect, it } from "vitest";
import { serviceUrlSchema } from "./service-url-schema";

const schema = serviceUrlSchema({ prompt: "Enter the URL", shape: "http://host:1", served: "The service" });
const message = (v: string) => schema.safeParse(v).error?.issues[0]?.message;

describe("a service's base URL", () => {
  it("is given back without a trailing slash; what is not a plain http(s) base URL is refused, saying why", () => {
    expect(schema.parse(" https://svc.example:8443/base/ ")).toBe("https://svc.example:8443/base");
    expect(message("")).toBe("Enter the URL");
    expect(message("not a url")).toBe("Not a URL: write it as http://host:1");
    expect(message("ftp://svc")).toBe("The service is served over http or https");
    expect(message("http://u:p@svc")).toMatch(/own fields/);
    expect(message("http://svc/?a=1")).toMatch(/no query or fragment/);
  });
});
