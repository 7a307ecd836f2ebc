-- CreateTable
CREATE TABLE "ApplyRun" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "designId" TEXT,
    "designName" TEXT NOT NULL,
    "designVersion" INTEGER NOT NULL,
    "clusterId" TEXT,
    "clusterName" TEXT NOT NULL,
    "user" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "plan" TEXT NOT NULL,
    "results" TEXT NOT NULL,
    "error" TEXT,
    "startedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "durationMs" INTEGER NOT NULL,
    CONSTRAINT "ApplyRun_designId_fkey" FOREIGN KEY ("designId") REFERENCES "Design" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "ApplyRun_clusterId_fkey" FOREIGN KEY ("clusterId") REFERENCES "Cluster" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "AppliedTopic" (
    "designId" TEXT NOT NULL,
    "nodeId" TEXT NOT NULL,
    "clusterId" TEXT NOT NULL,
    "topicName" TEXT NOT NULL,
    "updatedAt" DATETIME NOT NULL,

    PRIMARY KEY ("designId", "nodeId", "clusterId"),
    CONSTRAINT "AppliedTopic_designId_fkey" FOREIGN KEY ("designId") REFERENCES "Design" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "AppliedTopic_clusterId_fkey" FOREIGN KEY ("clusterId") REFERENCES "Cluster" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "ApplyRun_startedAt_idx" ON "ApplyRun"("startedAt");

