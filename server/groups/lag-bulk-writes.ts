import "server-only";
import type { Prisma } from "@/prisma/generated/client";
import { prisma, storeKind } from "@/server/db/prisma";

// The lag history's bulk inserts: a sampling round's raw points (20,000 rows for 20,000 groups) and a fold's packed
// hours. On SQLite, Prisma's createMany in batches. On PostgreSQL, one INSERT … SELECT FROM unnest(…) whose columns
// are passed as array literals (a handful of text parameters): Prisma's createMany binds every value as its own
// parameter and took about 6 s for 20,000 points on this machine, this about half a second (see the README's
// "Lag history" figures).

type Db = Prisma.TransactionClient | typeof prisma;
const CHUNK = 4000;

export interface PointRow {
  seriesId: number;
  lag: number;
  committed: number;
  endOffset: number;
  status: number;
}

/** A PostgreSQL array literal of numbers ("{1,2.5,NaN}"). */
const numbers = (values: readonly number[]) => `{${values.join(",")}}`;

/** Inserts one sample's raw points, all taken at `at`. */
export async function insertLagPoints(db: Db, at: Date, rows: readonly PointRow[]): Promise<void> {
  if (!rows.length) return;
  if (storeKind() === "postgres") {
    await db.$executeRawUnsafe(
      `INSERT INTO "LagPoint" ("seriesId", "at", "lag", "committed", "endOffset", "status")
       SELECT s, ($2::timestamptz AT TIME ZONE 'UTC')::timestamp(3), l, c, e, st
       FROM unnest($1::int[], $3::float8[], $4::float8[], $5::float8[], $6::int[]) AS t(s, l, c, e, st)`,
      numbers(rows.map((r) => r.seriesId)),
      at.toISOString(),
      numbers(rows.map((r) => r.lag)),
      numbers(rows.map((r) => r.committed)),
      numbers(rows.map((r) => r.endOffset)),
      numbers(rows.map((r) => r.status)),
    );
    return;
  }
  const data = rows.map((r) => ({ ...r, at }));
  for (let i = 0; i < data.length; i += CHUNK) await db.lagPoint.createMany({ data: data.slice(i, i + CHUNK) });
}

/** Inserts packed hours, all for the hour starting at `hour`. */
export async function insertLagHours(db: Db, hour: Date, rows: readonly { seriesId: number; buckets: Uint8Array<ArrayBuffer> }[]): Promise<void> {
  if (!rows.length) return;
  if (storeKind() === "postgres") {
    await db.$executeRawUnsafe(
      `INSERT INTO "LagHour" ("seriesId", "hour", "buckets")
       SELECT s, ($2::timestamptz AT TIME ZONE 'UTC')::timestamp(3), decode(b, 'hex')
       FROM unnest($1::int[], $3::text[]) AS t(s, b)`,
      numbers(rows.map((r) => r.seriesId)),
      hour.toISOString(),
      `{${rows.map((r) => Buffer.from(r.buckets.buffer, r.buckets.byteOffset, r.buckets.byteLength).toString("hex")).join(",")}}`,
    );
    return;
  }
  const data = rows.map((r) => ({ seriesId: r.seriesId, hour, buckets: r.buckets }));
  for (let i = 0; i < data.length; i += CHUNK) await db.lagHour.createMany({ data: data.slice(i, i + CHUNK) });
}
