// What the store scripts show of Prisma's CLI output (issue 12, item 15). generate.mjs and migrate.mjs say one
// line when Prisma succeeds; when it fails they show its output, less the lines every run prints that say nothing
// about the failure: the config banner, and the warning that the schema's datasource `url` "will NOT be used".
// That warning is expected: the driver adapter in prisma.config.ts connects, yet Prisma 6.19 refuses a datasource
// without `url` (P1012), so it cannot be silenced at the source; next to an error it would send the reader after
// DATABASE_URL. Only these exact texts go: anything else Prisma prints, errors first, is kept.
const EXPECTED_LINES = [/^Loaded Prisma config from prisma\.config\.ts\.$/, /^Prisma config detected, skipping environment variable loading\.$/];
const URL_WARNING =
  /WARNING: Your schema specifies the following datasource properties but you are using a Driver Adapter via prisma\.config\.ts:\n(?:- url\n)+\nThe values from your schema will NOT be used!\n\nWe recommend you to remove those properties from your schema to avoid confusion if you are only using driver adapters\.\n/g;

/** Prisma's output without the expected lines (blank runs left by them squeezed to one). */
export function withoutExpectedPrismaLines(text) {
  return text
    .replace(/\r\n/g, "\n")
    .replace(URL_WARNING, "")
    .split("\n")
    .filter((line) => !EXPECTED_LINES.some((re) => re.test(line)))
    .join("\n")
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}
