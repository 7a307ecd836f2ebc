// Topic config values in human units, shown beside the raw value (604800000 → "7 d", 1073741824 → "1 GiB"). Pure.

const LONG_MAX = "9223372036854775807";

function duration(ms: number): string {
  if (ms < 1000) return `${ms} ms`;
  const units: [number, string][] = [
    [86_400_000, "d"],
    [3_600_000, "h"],
    [60_000, "min"],
    [1000, "s"],
  ];
  const parts: string[] = [];
  let left = ms;
  for (const [size, name] of units) {
    const n = Math.floor(left / size);
    if (n > 0) {
      parts.push(`${n.toLocaleString("en-US")} ${name}`);
      left -= n * size;
    }
    if (parts.length === 2) break;
  }
  return left > 0 && parts.length < 2 ? `${parts.join(" ")} ${left} ms` : parts.join(" ");
}

function size(bytes: number): string {
  const units = ["B", "KiB", "MiB", "GiB", "TiB"];
  let n = bytes;
  let i = 0;
  while (n >= 1024 && i < units.length - 1 && n % 1024 === 0) {
    n /= 1024;
    i++;
  }
  if (i === 0 && bytes >= 1024) {
    // Not a whole number of KiB: one decimal in the largest fitting unit.
    let m = bytes;
    let j = 0;
    while (m >= 1024 && j < units.length - 1) {
      m /= 1024;
      j++;
    }
    return `${m.toFixed(1)} ${units[j]}`;
  }
  return `${n.toLocaleString("en-US")} ${units[i]}`;
}

/** The value in human units, or null when the raw value says it all (not a time or a size, or small). */
export function humanConfigValue(key: string, value: string | null | undefined): string | null {
  if (value === null || value === undefined || !/^-?\d+$/.test(value.trim())) return null;
  const isTime = key.endsWith(".ms");
  const isSize = key.endsWith(".bytes");
  if (!isTime && !isSize) return null;
  if (value === LONG_MAX) return isTime ? "never" : "no limit";
  const n = Number(value);
  if (n === -1) return isTime ? "forever" : "no limit";
  if (n === -2) return key.startsWith("local.retention") ? `as ${key.replace("local.", "")}` : null;
  if (n < 0) return null;
  if (isTime) return n < 1000 ? null : duration(n);
  return n < 1024 ? null : size(n);
}
