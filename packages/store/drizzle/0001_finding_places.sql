ALTER TABLE "findings" ADD COLUMN "category" text;--> statement-breakpoint
ALTER TABLE "findings" ADD COLUMN "places" jsonb;