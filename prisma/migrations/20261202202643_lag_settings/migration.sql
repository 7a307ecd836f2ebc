-- CreateTable
CREATE TABLE "ClusterLagSetting" (
    "clusterId" TEXT NOT NULL PRIMARY KEY,
    "allowedLag" REAL NOT NULL DEFAULT 0,
    "minimumComplete" REAL NOT NULL DEFAULT 0,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "ClusterLagSetting_clusterId_fkey" FOREIGN KEY ("clusterId") REFERENCES "Cluster" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "GroupLagSetting" (
    "clusterId" TEXT NOT NULL,
    "groupId" TEXT NOT NULL,
    "allowedLag" REAL NOT NULL,
    "updatedAt" DATETIME NOT NULL,

    PRIMARY KEY ("clusterId", "groupId"),
    CONSTRAINT "GroupLagSetting_clusterId_fkey" FOREIGN KEY ("clusterId") REFERENCES "Cluster" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

