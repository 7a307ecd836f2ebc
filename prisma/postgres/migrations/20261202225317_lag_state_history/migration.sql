-- AlterTable
ALTER TABLE "LagSamplerState" ADD COLUMN     "history" BYTEA,
ADD COLUMN     "historyAt" TIMESTAMP(3);

