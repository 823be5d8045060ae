-- AlterTable
ALTER TABLE "app_user" ADD COLUMN     "external_roles" TEXT[] DEFAULT ARRAY[]::TEXT[];
