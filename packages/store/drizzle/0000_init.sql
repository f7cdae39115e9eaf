CREATE TABLE "check_runs" (
	"id" serial PRIMARY KEY NOT NULL,
	"revision_id" integer NOT NULL,
	"profile" text NOT NULL,
	"ran_at" timestamp with time zone DEFAULT now() NOT NULL,
	"errors" integer NOT NULL,
	"warnings" integer NOT NULL,
	"infos" integer NOT NULL,
	"accepted" integer NOT NULL,
	"rules_run" integer NOT NULL,
	"checks" integer NOT NULL,
	"skipped" integer NOT NULL,
	"rule_errors" integer NOT NULL,
	"clean" boolean NOT NULL
);
--> statement-breakpoint
CREATE TABLE "departments" (
	"id" serial PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"code" text,
	"region" text,
	CONSTRAINT "departments_name_unique" UNIQUE("name")
);
--> statement-breakpoint
CREATE TABLE "facts" (
	"revision_id" integer NOT NULL,
	"fact_key" text NOT NULL,
	"measure" text NOT NULL,
	"amount_fen" bigint NOT NULL,
	CONSTRAINT "facts_revision_id_fact_key_pk" PRIMARY KEY("revision_id","fact_key")
);
--> statement-breakpoint
CREATE TABLE "findings" (
	"id" serial PRIMARY KEY NOT NULL,
	"run_id" integer NOT NULL,
	"finding_id" text NOT NULL,
	"rule_id" text NOT NULL,
	"severity" text NOT NULL,
	"table_id" text,
	"row_label" text,
	"column_label" text,
	"message" text NOT NULL,
	"expected_fen" bigint,
	"found_fen" bigint,
	"expected_text" text,
	"found_text" text,
	"explained" text
);
--> statement-breakpoint
CREATE TABLE "package_revisions" (
	"id" serial PRIMARY KEY NOT NULL,
	"department_id" integer NOT NULL,
	"year" integer NOT NULL,
	"revision" integer NOT NULL,
	"profile" text NOT NULL,
	"saved_at" timestamp with time zone DEFAULT now() NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"restored_from" integer,
	"package_json" jsonb NOT NULL,
	"sha256" text NOT NULL,
	CONSTRAINT "package_revisions_department_year_revision" UNIQUE("department_id","year","revision"),
	CONSTRAINT "package_revisions_revision_positive" CHECK ("package_revisions"."revision" > 0)
);
--> statement-breakpoint
ALTER TABLE "check_runs" ADD CONSTRAINT "check_runs_revision_id_package_revisions_id_fk" FOREIGN KEY ("revision_id") REFERENCES "public"."package_revisions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "facts" ADD CONSTRAINT "facts_revision_id_package_revisions_id_fk" FOREIGN KEY ("revision_id") REFERENCES "public"."package_revisions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "findings" ADD CONSTRAINT "findings_run_id_check_runs_id_fk" FOREIGN KEY ("run_id") REFERENCES "public"."check_runs"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "package_revisions" ADD CONSTRAINT "package_revisions_department_id_departments_id_fk" FOREIGN KEY ("department_id") REFERENCES "public"."departments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "facts_fact_key" ON "facts" USING btree ("fact_key");--> statement-breakpoint
CREATE INDEX "findings_run_id" ON "findings" USING btree ("run_id");