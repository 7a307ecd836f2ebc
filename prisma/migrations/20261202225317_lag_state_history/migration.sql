-- AlterTable
ALTER TABLE "LagSamplerState" ADD COLUMN "history" BLOB;
ALTER TABLE "LagSamplerState" ADD COLUMN "historyAt" DATETIME;

