-- Lag history kept (as in SQLite's migration): the old table set aside, a series per group and topic, then every
-- point (raw and old 5-minute buckets alike) by its series; the fold packs hours older than the raw window.
ALTER TABLE "LagPoint" DROP CONSTRAINT "LagPoint_clusterId_fkey";
DROP INDEX "LagPoint_clusterId_groupId_at_idx";
DROP INDEX "LagPoint_clusterId_at_idx";
ALTER TABLE "LagPoint" RENAME TO "LagPoint_old";
ALTER TABLE "LagPoint_old" RENAME CONSTRAINT "LagPoint_pkey" TO "LagPoint_old_pkey";

-- CreateTable
CREATE TABLE "LagPoint" (
    "seriesId" INTEGER NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,
    "lag" DOUBLE PRECISION NOT NULL,
    "committed" DOUBLE PRECISION NOT NULL,
    "endOffset" DOUBLE PRECISION NOT NULL,
    "status" INTEGER NOT NULL,

    CONSTRAINT "LagPoint_pkey" PRIMARY KEY ("seriesId","at")
);

-- AlterTable
ALTER TABLE "AlertEvent" ADD COLUMN     "openKey" TEXT;

-- AlterTable
ALTER TABLE "WebhookDelivery" ADD COLUMN     "claimedBy" TEXT,
ADD COLUMN     "claimedUntil" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "AlertCondition" (
    "ruleId" TEXT NOT NULL,
    "groupId" TEXT NOT NULL,
    "clusterId" TEXT NOT NULL,
    "since" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "AlertCondition_pkey" PRIMARY KEY ("ruleId","groupId")
);

-- CreateTable
CREATE TABLE "LagSeries" (
    "id" SERIAL NOT NULL,
    "clusterId" TEXT NOT NULL,
    "groupId" TEXT NOT NULL,
    "topic" TEXT NOT NULL,

    CONSTRAINT "LagSeries_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LagHour" (
    "seriesId" INTEGER NOT NULL,
    "hour" TIMESTAMP(3) NOT NULL,
    "buckets" BYTEA NOT NULL,

    CONSTRAINT "LagHour_pkey" PRIMARY KEY ("seriesId","hour")
);

-- CreateTable
CREATE TABLE "SamplerLease" (
    "clusterId" TEXT NOT NULL,
    "holder" TEXT NOT NULL,
    "term" INTEGER NOT NULL DEFAULT 1,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "acquiredAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "renewedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SamplerLease_pkey" PRIMARY KEY ("clusterId")
);

-- CreateTable
CREATE TABLE "LagSamplerState" (
    "clusterId" TEXT NOT NULL,
    "takenAt" TIMESTAMP(3) NOT NULL,
    "holder" TEXT NOT NULL,
    "data" BYTEA NOT NULL,
    "errorAt" TIMESTAMP(3),
    "error" TEXT,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "LagSamplerState_pkey" PRIMARY KEY ("clusterId")
);

-- Copy the history
INSERT INTO "LagSeries" ("clusterId", "groupId", "topic") SELECT DISTINCT "clusterId", "groupId", "topic" FROM "LagPoint_old";
INSERT INTO "LagPoint" ("seriesId", "at", "lag", "committed", "endOffset", "status")
SELECT s."id", p."at", p."lag", p."committed", p."endOffset",
       CASE p."status" WHEN 'WARN' THEN 1 WHEN 'REWIND' THEN 2 WHEN 'STALL' THEN 3 WHEN 'STOP' THEN 4 ELSE 0 END
FROM "LagPoint_old" p JOIN "LagSeries" s ON s."clusterId" = p."clusterId" AND s."groupId" = p."groupId" AND s."topic" = p."topic"
ON CONFLICT DO NOTHING;
DROP TABLE "LagPoint_old";

-- CreateIndex
CREATE INDEX "AlertCondition_clusterId_idx" ON "AlertCondition"("clusterId");

-- CreateIndex
CREATE UNIQUE INDEX "LagSeries_clusterId_groupId_topic_key" ON "LagSeries"("clusterId", "groupId", "topic");

-- CreateIndex
CREATE INDEX "LagHour_hour_idx" ON "LagHour"("hour");

-- CreateIndex
CREATE UNIQUE INDEX "AlertEvent_openKey_key" ON "AlertEvent"("openKey");

-- CreateIndex
CREATE INDEX "LagPoint_at_idx" ON "LagPoint"("at");

-- AddForeignKey
ALTER TABLE "AlertCondition" ADD CONSTRAINT "AlertCondition_ruleId_fkey" FOREIGN KEY ("ruleId") REFERENCES "AlertRule"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LagSeries" ADD CONSTRAINT "LagSeries_clusterId_fkey" FOREIGN KEY ("clusterId") REFERENCES "Cluster"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LagPoint" ADD CONSTRAINT "LagPoint_seriesId_fkey" FOREIGN KEY ("seriesId") REFERENCES "LagSeries"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LagHour" ADD CONSTRAINT "LagHour_seriesId_fkey" FOREIGN KEY ("seriesId") REFERENCES "LagSeries"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SamplerLease" ADD CONSTRAINT "SamplerLease_clusterId_fkey" FOREIGN KEY ("clusterId") REFERENCES "Cluster"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "LagSamplerState" ADD CONSTRAINT "LagSamplerState_clusterId_fkey" FOREIGN KEY ("clusterId") REFERENCES "Cluster"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Events firing now keep their open key (the newest one per rule and group).
UPDATE "AlertEvent" e SET "openKey" = e."ruleId" || ' ' || e."groupId"
WHERE e."state" = 'firing' AND e."id" = (
  SELECT e2."id" FROM "AlertEvent" e2
  WHERE e2."ruleId" = e."ruleId" AND e2."groupId" = e."groupId" AND e2."state" = 'firing'
  ORDER BY e2."firedAt" DESC LIMIT 1
);
