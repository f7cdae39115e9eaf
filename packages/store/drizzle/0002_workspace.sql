CREATE TABLE "explanations" (
	"id" serial PRIMARY KEY NOT NULL,
	"revision_id" integer NOT NULL,
	"finding_id" text NOT NULL,
	"rule_id" text NOT NULL,
	"place" text NOT NULL,
	"text" text NOT NULL,
	"author_id" integer NOT NULL,
	"written_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "explanations_revision_finding" UNIQUE("revision_id","finding_id")
);
--> statement-breakpoint
CREATE TABLE "login_failures" (
	"id" serial PRIMARY KEY NOT NULL,
	"login_name" text NOT NULL,
	"failed_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "published_files" (
	"id" serial PRIMARY KEY NOT NULL,
	"log_id" integer NOT NULL,
	"revision_id" integer NOT NULL,
	"format" text NOT NULL,
	"file_name" text NOT NULL,
	"bytes" "bytea" NOT NULL,
	"sha256" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "review_comments" (
	"id" serial PRIMARY KEY NOT NULL,
	"revision_id" integer NOT NULL,
	"author_id" integer NOT NULL,
	"text" text NOT NULL,
	"written_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "reviewer_assignments" (
	"user_id" integer NOT NULL,
	"department_id" integer NOT NULL,
	CONSTRAINT "reviewer_assignments_user_id_department_id_pk" PRIMARY KEY("user_id","department_id")
);
--> statement-breakpoint
CREATE TABLE "sessions" (
	"id" serial PRIMARY KEY NOT NULL,
	"token_hash" text NOT NULL,
	"user_id" integer NOT NULL,
	"csrf_token" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"expires_at" timestamp with time zone NOT NULL,
	CONSTRAINT "sessions_token_hash_unique" UNIQUE("token_hash")
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" serial PRIMARY KEY NOT NULL,
	"login_name" text NOT NULL,
	"display_name" text NOT NULL,
	"role" text NOT NULL,
	"department_id" integer,
	"password_hash" text NOT NULL,
	"disabled" boolean DEFAULT false NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "users_login_name_unique" UNIQUE("login_name"),
	CONSTRAINT "users_role" CHECK ("users"."role" in ('filler', 'reviewer', 'admin')),
	CONSTRAINT "users_filler_department" CHECK (("users"."role" = 'filler') = ("users"."department_id" is not null))
);
--> statement-breakpoint
CREATE TABLE "workflow_log" (
	"id" serial PRIMARY KEY NOT NULL,
	"department_id" integer NOT NULL,
	"year" integer NOT NULL,
	"actor_id" integer NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"from_state" text NOT NULL,
	"to_state" text NOT NULL,
	"revision_id" integer NOT NULL,
	"comment" text DEFAULT '' NOT NULL
);
--> statement-breakpoint
CREATE TABLE "workflow_states" (
	"department_id" integer NOT NULL,
	"year" integer NOT NULL,
	"state" text NOT NULL,
	"revision_id" integer,
	"changed_at" timestamp with time zone NOT NULL,
	CONSTRAINT "workflow_states_department_id_year_pk" PRIMARY KEY("department_id","year"),
	CONSTRAINT "workflow_states_state" CHECK ("workflow_states"."state" in ('drafting', 'submitted', 'accepted', 'returned', 'published'))
);
--> statement-breakpoint
ALTER TABLE "departments" ADD COLUMN "parent_id" integer;--> statement-breakpoint
ALTER TABLE "package_revisions" ADD COLUMN "author_id" integer;--> statement-breakpoint
ALTER TABLE "package_revisions" ADD COLUMN "base_revision_id" integer;--> statement-breakpoint
ALTER TABLE "package_revisions" ADD COLUMN "diff_summary" jsonb;--> statement-breakpoint
ALTER TABLE "explanations" ADD CONSTRAINT "explanations_revision_id_package_revisions_id_fk" FOREIGN KEY ("revision_id") REFERENCES "public"."package_revisions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "explanations" ADD CONSTRAINT "explanations_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "published_files" ADD CONSTRAINT "published_files_log_id_workflow_log_id_fk" FOREIGN KEY ("log_id") REFERENCES "public"."workflow_log"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "published_files" ADD CONSTRAINT "published_files_revision_id_package_revisions_id_fk" FOREIGN KEY ("revision_id") REFERENCES "public"."package_revisions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_comments" ADD CONSTRAINT "review_comments_revision_id_package_revisions_id_fk" FOREIGN KEY ("revision_id") REFERENCES "public"."package_revisions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_comments" ADD CONSTRAINT "review_comments_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reviewer_assignments" ADD CONSTRAINT "reviewer_assignments_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reviewer_assignments" ADD CONSTRAINT "reviewer_assignments_department_id_departments_id_fk" FOREIGN KEY ("department_id") REFERENCES "public"."departments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sessions" ADD CONSTRAINT "sessions_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "users" ADD CONSTRAINT "users_department_id_departments_id_fk" FOREIGN KEY ("department_id") REFERENCES "public"."departments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workflow_log" ADD CONSTRAINT "workflow_log_department_id_departments_id_fk" FOREIGN KEY ("department_id") REFERENCES "public"."departments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workflow_log" ADD CONSTRAINT "workflow_log_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workflow_log" ADD CONSTRAINT "workflow_log_revision_id_package_revisions_id_fk" FOREIGN KEY ("revision_id") REFERENCES "public"."package_revisions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workflow_states" ADD CONSTRAINT "workflow_states_department_id_departments_id_fk" FOREIGN KEY ("department_id") REFERENCES "public"."departments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "workflow_states" ADD CONSTRAINT "workflow_states_revision_id_package_revisions_id_fk" FOREIGN KEY ("revision_id") REFERENCES "public"."package_revisions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "login_failures_login_name_failed_at" ON "login_failures" USING btree ("login_name","failed_at");--> statement-breakpoint
CREATE INDEX "published_files_revision_id" ON "published_files" USING btree ("revision_id");--> statement-breakpoint
CREATE INDEX "review_comments_revision_id" ON "review_comments" USING btree ("revision_id");--> statement-breakpoint
CREATE INDEX "reviewer_assignments_department_id" ON "reviewer_assignments" USING btree ("department_id");--> statement-breakpoint
CREATE INDEX "sessions_user_id" ON "sessions" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "sessions_expires_at" ON "sessions" USING btree ("expires_at");--> statement-breakpoint
CREATE INDEX "workflow_log_department_year" ON "workflow_log" USING btree ("department_id","year");--> statement-breakpoint
ALTER TABLE "departments" ADD CONSTRAINT "departments_parent_id_departments_id_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."departments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "package_revisions" ADD CONSTRAINT "package_revisions_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "departments_parent_id" ON "departments" USING btree ("parent_id");