/** What `juesuan report` can write: shared by its help text (definitions.ts) and its action (report.ts). */
export const DOCUMENT_FORMATS = ['docx', 'pdf', 'xlsx', 'html'] as const;

export const REPORT_KINDS = {
  disclosure: '部门决算公开文档',
  performance: '部门整体支出绩效自评报告',
} as const;
