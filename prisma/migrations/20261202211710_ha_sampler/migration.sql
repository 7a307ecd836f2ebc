-- AlterTable
ALTER TABLE "AlertEvent" ADD COLUMN "openKey" TEXT;

-- AlterTable
ALTER TABLE "WebhookDelivery" ADD COLUMN "claimedBy" TEXT;
ALTER TABLE "WebhookDelivery" ADD COLUMN "claimedUntil" DATETIME;

-- CreateTable
CREATE TABLE "AlertCondition" (
    "ruleId" TEXT NOT NULL,
    "groupId" TEXT NOT NULL,
    "clusterId" TEXT NOT NULL,
    "since" DATETIME NOT NULL,

    PRIMARY KEY ("ruleId", "groupId"),
    CONSTRAINT "AlertCondition_ruleId_fkey" FOREIGN KEY ("ruleId") REFERENCES "AlertRule" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "LagSeries" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "clusterId" TEXT NOT NULL,
    "groupId" TEXT NOT NULL,
    "topic" TEXT NOT NULL,
    CONSTRAINT "LagSeries_clusterId_fkey" FOREIGN KEY ("clusterId") REFERENCES "Cluster" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "LagHour" (
    "seriesId" INTEGER NOT NULL,
    "hour" DATETIME NOT NULL,
    "buckets" BLOB NOT NULL,

    PRIMARY KEY ("seriesId", "hour"),
    CONSTRAINT "LagHour_seriesId_fkey" FOREIGN KEY ("seriesId") REFERENCES "LagSeries" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "SamplerLease" (
    "clusterId" TEXT NOT NULL PRIMARY KEY,
    "holder" TEXT NOT NULL,
    "term" INTEGER NOT NULL DEFAULT 1,
    "expiresAt" DATETIME NOT NULL,
    "acquiredAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "renewedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "SamplerLease_clusterId_fkey" FOREIGN KEY ("clusterId") REFERENCES "Cluster" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "LagSamplerState" (
    "clusterId" TEXT NOT NULL PRIMARY KEY,
    "takenAt" DATETIME NOT NULL,
    "holder" TEXT NOT NULL,
    "data" BLOB NOT NULL,
    "errorAt" DATETIME,
    "error" TEXT,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "LagSamplerState_clusterId_fkey" FOREIGN KEY ("clusterId") REFERENCES "Cluster" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_LagPoint" (
    "seriesId" INTEGER NOT NULL,
    "at" DATETIME NOT NULL,
    "lag" REAL NOT NULL,
    "committed" REAL NOT NULL,
    "endOffset" REAL NOT NULL,
    "status" INTEGER NOT NULL,

    PRIMARY KEY ("seriesId", "at"),
    CONSTRAINT "LagPoint_seriesId_fkey" FOREIGN KEY ("seriesId") REFERENCES "LagSeries" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
-- Lag history kept: a series per group and topic, then every point (raw and old 5-minute buckets alike) by its
-- series; the fold (server/groups/lag-points.ts) packs hours older than the raw window into LagHour.
INSERT INTO "LagSeries" ("clusterId", "groupId", "topic") SELECT DISTINCT "clusterId", "groupId", "topic" FROM "LagPoint";
INSERT OR IGNORE INTO "new_LagPoint" ("seriesId", "at", "lag", "committed", "endOffset", "status")
SELECT s."id", p."at", p."lag", p."committed", p."endOffset",
       CASE p."status" WHEN 'WARN' THEN 1 WHEN 'REWIND' THEN 2 WHEN 'STALL' THEN 3 WHEN 'STOP' THEN 4 ELSE 0 END
FROM "LagPoint" p JOIN "LagSeries" s ON s."clusterId" = p."clusterId" AND s."groupId" = p."groupId" AND s."topic" = p."topic";
DROP TABLE "LagPoint";
ALTER TABLE "new_LagPoint" RENAME TO "LagPoint";
CREATE INDEX "LagPoint_at_idx" ON "LagPoint"("at");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "AlertCondition_clusterId_idx" ON "AlertCondition"("clusterId");

-- CreateIndex
CREATE UNIQUE INDEX "LagSeries_clusterId_groupId_topic_key" ON "LagSeries"("clusterId", "groupId", "topic");

-- CreateIndex
CREATE INDEX "LagHour_hour_idx" ON "LagHour"("hour");

-- CreateIndex
CREATE UNIQUE INDEX "AlertEvent_openKey_key" ON "AlertEvent"("openKey");

-- Events firing now keep their open key (the newest one per rule and group).
UPDATE "AlertEvent" SET "openKey" = "ruleId" || ' ' || "groupId"
WHERE "state" = 'firing' AND "id" = (
  SELECT e2."id" FROM "AlertEvent" e2
  WHERE e2."ruleId" = "AlertEvent"."ruleId" AND e2."groupId" = "AlertEvent"."groupId" AND e2."state" = 'firing'
  ORDER BY e2."firedAt" DESC LIMIT 1
);
