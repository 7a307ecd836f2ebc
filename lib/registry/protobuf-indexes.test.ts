import { describe, expect, it } from "vitest";
import { compileSchema } from "@/lib/contracts/schema-codec";
import { messageIndexesOf, messageTypeAt } from "./protobuf-indexes.mjs";

const proto = `syntax = "proto3"; package shop.v1;
message Order { message Line { string sku = 1; } repeated Line lines = 1; }
enum Kind { A = 0; }
message Refund { message Reason { message Code { int32 n = 1; } } string id = 1; }`;

describe("Protobuf message indexes", () => {
  const r = compileSchema({ format: "protobuf", text: proto });
  if (!r.ok) throw new Error(r.problem.message);
  const types = r.codec.messageTypes;

  it("give a message's path among top-level and nested messages (enums do not count)", () => {
    expect(messageIndexesOf(types, "shop.v1.Order")).toEqual([0]);
    expect(messageIndexesOf(types, "shop.v1.Order.Line")).toEqual([0, 0]);
    expect(messageIndexesOf(types, "shop.v1.Refund")).toEqual([1]);
    expect(messageIndexesOf(types, "shop.v1.Refund.Reason.Code")).toEqual([1, 0, 0]);
    expect(messageIndexesOf(types, "shop.v1.Nope")).toBeNull();
  });

  it("and back", () => {
    expect(messageTypeAt(types, [1, 0])).toBe("shop.v1.Refund.Reason");
    expect(messageTypeAt(types, [0])).toBe("shop.v1.Order");
    expect(messageTypeAt(types, [2])).toBeNull();
  });
});
