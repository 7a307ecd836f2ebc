-- CreateTable
CREATE TABLE "DesignAclBinding" (
    "designId" TEXT NOT NULL,
    "clusterId" TEXT NOT NULL,
    "bindingKey" TEXT NOT NULL,
    "resourceType" TEXT NOT NULL,
    "resourceName" TEXT NOT NULL,
    "patternType" TEXT NOT NULL,
    "principal" TEXT NOT NULL,
    "host" TEXT NOT NULL,
    "operation" TEXT NOT NULL,
    "permission" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,

    PRIMARY KEY ("designId", "clusterId", "bindingKey"),
    CONSTRAINT "DesignAclBinding_designId_fkey" FOREIGN KEY ("designId") REFERENCES "Design" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "DesignClientQuota" (
    "designId" TEXT NOT NULL,
    "clusterId" TEXT NOT NULL,
    "entityKey" TEXT NOT NULL,
    "entity" TEXT NOT NULL,
    "values" TEXT NOT NULL,
    "updatedAt" DATETIME NOT NULL,

    PRIMARY KEY ("designId", "clusterId", "entityKey"),
    CONSTRAINT "DesignClientQuota_designId_fkey" FOREIGN KEY ("designId") REFERENCES "Design" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "DesignAclBinding_clusterId_idx" ON "DesignAclBinding"("clusterId");

-- CreateIndex
CREATE INDEX "DesignClientQuota_clusterId_idx" ON "DesignClientQuota"("clusterId");

