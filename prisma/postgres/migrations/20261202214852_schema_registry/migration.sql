-- CreateTable
CREATE TABLE "SchemaRegistry" (
    "id" TEXT NOT NULL,
    "clusterId" TEXT NOT NULL,
    "url" TEXT NOT NULL,
    "authKind" TEXT NOT NULL DEFAULT 'none',
    "username" TEXT,
    "secret" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SchemaRegistry_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "SchemaRegistry_clusterId_key" ON "SchemaRegistry"("clusterId");

-- AddForeignKey
ALTER TABLE "SchemaRegistry" ADD CONSTRAINT "SchemaRegistry_clusterId_fkey" FOREIGN KEY ("clusterId") REFERENCES "Cluster"("id") ON DELETE CASCADE ON UPDATE CASCADE;

