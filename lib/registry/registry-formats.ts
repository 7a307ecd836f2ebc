import type { SchemaFormat } from "@/lib/contracts/contract-schema";
import type { RegistrySchemaType } from "./registry-schemas";

// A registry's schema types and Topiary's contract formats name the same three things differently.

const TO_FORMAT: Record<RegistrySchemaType, SchemaFormat> = { AVRO: "avro", PROTOBUF: "protobuf", JSON: "json-schema" };
const TO_TYPE: Record<SchemaFormat, RegistrySchemaType> = { avro: "AVRO", protobuf: "PROTOBUF", "json-schema": "JSON" };

export const registryFormat = (t: RegistrySchemaType): SchemaFormat => TO_FORMAT[t];
export const registrySchemaType = (f: SchemaFormat): RegistrySchemaType => TO_TYPE[f];
