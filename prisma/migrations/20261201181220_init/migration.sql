-- CreateTable
CREATE TABLE "Cluster" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "bootstrapServers" TEXT NOT NULL,
    "readOnly" BOOLEAN NOT NULL DEFAULT false,
    "tlsEnabled" BOOLEAN NOT NULL DEFAULT false,
    "tlsRejectUnauthorized" BOOLEAN NOT NULL DEFAULT true,
    "tlsCa" TEXT,
    "tlsCert" TEXT,
    "tlsKey" TEXT,
    "saslMechanism" TEXT,
    "saslUsername" TEXT,
    "saslPassword" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "Setting" (
    "key" TEXT NOT NULL PRIMARY KEY,
    "value" TEXT NOT NULL,
    "updatedAt" DATETIME NOT NULL
);

-- CreateIndex
CREATE UNIQUE INDEX "Cluster_name_key" ON "Cluster"("name");
