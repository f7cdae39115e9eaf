-- The workflow log and the frozen files of a publication are evidence: nothing may change or remove
-- a row once written, whatever the client (the application never does; this stops everyone else).
CREATE FUNCTION juesuan_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  RAISE EXCEPTION '表 % 只能追加，不能%', TG_TABLE_NAME, CASE TG_OP WHEN 'UPDATE' THEN '修改' WHEN 'DELETE' THEN '删除' ELSE '清空' END
    USING ERRCODE = 'insufficient_privilege';
END $$;
--> statement-breakpoint
CREATE TRIGGER workflow_log_append_only BEFORE UPDATE OR DELETE ON "workflow_log" FOR EACH ROW EXECUTE FUNCTION juesuan_refuse_change();
--> statement-breakpoint
CREATE TRIGGER workflow_log_no_truncate BEFORE TRUNCATE ON "workflow_log" FOR EACH STATEMENT EXECUTE FUNCTION juesuan_refuse_change();
--> statement-breakpoint
CREATE TRIGGER published_files_append_only BEFORE UPDATE OR DELETE ON "published_files" FOR EACH ROW EXECUTE FUNCTION juesuan_refuse_change();
--> statement-breakpoint
CREATE TRIGGER published_files_no_truncate BEFORE TRUNCATE ON "published_files" FOR EACH STATEMENT EXECUTE FUNCTION juesuan_refuse_change();
