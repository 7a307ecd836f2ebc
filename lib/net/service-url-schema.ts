import { z } from "zod";

/**
 * The base URL of an HTTP service Topiary calls (Kafka Connect's REST API, a Schema Registry): http(s), host,
 * optional port and path, given back without a trailing slash; credentials go in their own fields, not the URL.
 */
export function serviceUrlSchema(o: { prompt: string; shape: string; served: string }) {
  return z
    .string()
    .trim()
    .min(1, o.prompt)
    .max(2000, "The URL is too long")
    .transform((value, ctx) => {
      let url: URL;
      try {
        url = new URL(value);
      } catch {
        ctx.addIssue({ code: "custom", message: `Not a URL: write it as ${o.shape}` });
        return z.NEVER;
      }
      if (url.protocol !== "http:" && url.protocol !== "https:") {
        ctx.addIssue({ code: "custom", message: `${o.served} is served over http or https` });
        return z.NEVER;
      }
      if (url.username || url.password) {
        ctx.addIssue({ code: "custom", message: "Put the user name and password in their own fields, not in the URL" });
        return z.NEVER;
      }
      if (url.search || url.hash) {
        ctx.addIssue({ code: "custom", message: "The URL takes no query or fragment" });
        return z.NEVER;
      }
      return `${url.origin}${url.pathname.replace(/\/+$/, "")}`;
    });
}
