/**
 * Every command's name, arguments, options and help text, without its implementation: `--help`
 * and a wrong call are answered from here alone, and a command's module, with the libraries it
 * needs (the engine, the readers, the renderers, the database), is imported when it runs.
 */
import { RULE_FAMILIES } from '@juesuan/core/rule-families';
import { DEFAULT_DEADLINE_SECONDS, DEFAULT_MEMORY_LIMIT_MB } from '@juesuan/jobs/limits';
import type { Command } from 'commander';
import { DOCUMENT_FORMATS, REPORT_KINDS } from './report-kinds';

const PROFILE_OPTION = ['--profile <id>', '口径（默认用数据包 department.profile）'] as const;
const AUTO_PROFILE_OPTION = ['--profile <id>', '指定口径（默认自动选择最吻合的口径）'] as const;
const FORMAT_OPTION = ['--format <format>', '输出格式：text 或 json', 'text'] as const;
const NO_INFO_OPTION = ['--no-info', '不列出尾数误差（info）'] as const;
const STORE_OPTION = [
  '--store <dir>',
  '内嵌数据库（PGlite）目录，默认 .juesuan/store；不给时若设置了 DATABASE_URL 则用 PostgreSQL',
] as const;
const DATA_OPTION = [
  '--data <dir>',
  '工作台的内嵌数据库（PGlite）目录，默认 .juesuan/store；不给时若设置了 DATABASE_URL 则用 PostgreSQL',
] as const;
// How a batch (several files, or a folder) runs on worker threads.
const JOBS_OPTION = [
  '--jobs <n>',
  '批量时同时处理的文件数（工作线程数），默认比 CPU 核数少 1（至少 1 个工作线程）；写 1 表示在本进程内逐个处理（不设每个文件的内存和时限）',
] as const;
const MAX_MEMORY_OPTION = [
  '--max-memory <MB>',
  '批量时每个工作线程的内存上限（MB），超出时该文件记为失败',
  String(DEFAULT_MEMORY_LIMIT_MB),
] as const;
const TIMEOUT_OPTION = [
  '--timeout <秒>',
  '批量时每个文件的时限（秒），超时该文件记为失败',
  String(DEFAULT_DEADLINE_SECONDS),
] as const;

/** An action whose module is imported only when its command runs. */
function lazy<A extends unknown[]>(load: () => Promise<(...args: A) => unknown>) {
  return async (...args: A) => {
    const run = await load();
    await run(...args);
  };
}

export function registerCommands(program: Command): void {
  program
    .command('demo')
    .description(
      '在样例数据包上运行主任务：读入、审核，生成完整公开文档（DOCX、PDF、XLSX、HTML）和部门整体支出绩效自评报告，存入内嵌存储，结果写入 ./out',
    )
    .option('-o, --output <dir>', '输出目录', 'out')
    .action(lazy(() => import('./demo').then((m) => m.runDemo)));

  const pkg = program.command('package').description('数据包（决算数据包）：校验、补全合计、汇总');
  pkg
    .command('validate')
    .description('校验数据包：结构、键、金额格式、科目代码；有错误时以 2 退出')
    .argument('<file>', '数据包 JSON 文件')
    .option(...FORMAT_OPTION)
    .action(lazy(() => import('./package').then((m) => m.runPackageValidate)));
  pkg
    .command('complete')
    .description('补全手工录入时缺少的合计与小计（只补缺失的，不改已填的），并列出补了哪些')
    .argument('<file>', '数据包 JSON 文件')
    .option('-o, --output <file>', '写出补全后的数据包（默认只列出，不写文件）')
    .option(...FORMAT_OPTION)
    .action(lazy(() => import('./package').then((m) => m.runPackageComplete)));
  pkg
    .command('consolidate')
    .description(
      '汇总：由本级和下级单位的数据包生成主管部门的数据包，按双方一致的金额提出调整表（adjustments），抵销单位之间的补助和上缴；双方不一致的往来列出而不抵销',
    )
    .argument('<packages...>', '各单位的数据包 JSON 文件：第一个为本级（一级），其后为下级单位（二级）')
    .option('-o, --output <file>', '汇总后的数据包写入此文件（默认写到标准输出）')
    .option('--name <name>', '主管部门名称（默认为本级名称去掉“（本级）”）')
    .option(...FORMAT_OPTION)
    .action(lazy(() => import('./consolidate').then((m) => m.runPackageConsolidate)));

  program
    .command('tables')
    .description('按口径生成数据包的全部公开表并打印')
    .argument('<package>', '数据包 JSON 文件')
    .option(...PROFILE_OPTION)
    .option('--table <ids>', '只打印这些表，逗号分隔，如 T01,T05')
    .option(...FORMAT_OPTION)
    .action(lazy(() => import('./tables').then((m) => m.runTables)));

  program
    .command('check')
    .description('审核数据包：按口径的审核公式逐条检查，按表列出问题；有错误时以 1 退出')
    .argument('<package>', '数据包 JSON 文件')
    .option(...PROFILE_OPTION)
    .option(...FORMAT_OPTION)
    .option(...NO_INFO_OPTION)
    .action(lazy(() => import('./check').then((m) => m.runCheck)));

  for (const register of [registerDocumentCommands, registerStoreCommands, registerWorkspaceCommands])
    register(program);

  program
    .command('worker')
    .description(
      '从 PostgreSQL（DATABASE_URL）中的任务队列领取任务并执行（审核数据包、生成部门决算公开文档、审读文件），直到收到 SIGINT 或 SIGTERM；可在多台机器上同时运行',
    )
    .option('--concurrency <n>', '同时运行的任务数（工作线程数），默认为 CPU 核数')
    .option('--lease <秒>', '任务租约：本进程停止续约这么久后，其任务交给其他进程重试', '30')
    .option(
      '--max-memory <MB>',
      '每个工作线程的内存上限（MB），超出时该次运行记为失败',
      String(DEFAULT_MEMORY_LIMIT_MB),
    )
    .option(
      '--timeout <秒>',
      '每个任务一次运行的时限（秒），超时该次运行记为失败',
      String(DEFAULT_DEADLINE_SECONDS),
    )
    .action(lazy(() => import('./worker').then((m) => m.runWorker)));

  program
    .command('profiles')
    .description('列出可用口径（地区 × 年度）及其表')
    .option(...FORMAT_OPTION)
    .action(lazy(() => import('./profiles').then((m) => m.runProfiles)));
}

/** The commands that read published documents, list the rules, and write documents and scores. */
function registerDocumentCommands(program: Command): void {
  program
    .command('audit')
    .description(
      '审读已公开的部门决算（PDF、Word、Excel、网页、文本）：识别公开表，按口径审核表内表间关系、科目与情况说明；有错误时以 1 退出',
    )
    .argument('<files...>', '要审读的文件或文件夹（审读其中的全部文件），可多个')
    .option(...AUTO_PROFILE_OPTION)
    .option(...FORMAT_OPTION)
    .option('--report <file>', '另写一份审读报告：.html 或 .xlsx')
    .option(...NO_INFO_OPTION)
    .option(...JOBS_OPTION)
    .option(...MAX_MEMORY_OPTION)
    .option(...TIMEOUT_OPTION)
    .action(lazy(() => import('./audit').then((m) => m.runAudit)));

  program
    .command('import')
    .description(
      '导入部门自己的决算表（决算软件导出的 Excel、按公开表排列的 Excel，或已公开的 PDF、Word、网页）为数据包；有未导入或前后不一致的数字时以 1 退出',
    )
    .argument('<files...>', '要导入的文件，可多个（如报表与说明分开、每表一个 Excel），合并为一个数据包')
    .option(...AUTO_PROFILE_OPTION)
    .option('-o, --output <file>', '数据包写入此文件（默认写到标准输出）')
    .option(
      '--format <format>',
      '导入报告格式：text（写到标准错误）或 json（与数据包一起写到标准输出）',
      'text',
    )
    .action(lazy(() => import('./import').then((m) => m.runImport)));

  program
    .command('rules')
    .description(
      '规则目录：列出全部审核规则（审核公式、科目、汇总、情况说明、名词解释与表号、文档身份与模板残留、文档识别、绩效自评），按规则族分组',
    )
    .option('--family <family>', `规则族：${Object.keys(RULE_FAMILIES).join('、')}`)
    .option('--severity <severity>', '严重程度：error、warning 或 info')
    .option('--profile <id>', '只列该口径的审核公式（其他规则族适用于所有口径）；默认列出所有口径')
    .option('--search <text>', '在编号、标题、含义、适用范围和检查内容中查找')
    .option('--full', '同时列出含义、适用范围和示例')
    .option(...FORMAT_OPTION)
    .action(lazy(() => import('./rules').then((m) => m.runRules)));

  program
    .command('report')
    .description(
      '生成完整的部门决算公开文档（目录、概况、公开表、情况说明、名词解释、附件），或用 --kind performance 生成部门整体支出绩效自评报告',
    )
    .argument('<package>', '数据包 JSON 文件，或装有多个数据包的文件夹（逐个生成，都写入输出目录）')
    .option('-o, --output <dir>', '输出目录', 'out')
    .option(
      '--format <formats>',
      `输出格式，逗号分隔：${DOCUMENT_FORMATS.join(',')}`,
      DOCUMENT_FORMATS.join(','),
    )
    .option(...PROFILE_OPTION)
    .option(
      '--kind <kind>',
      `文档种类：${Object.entries(REPORT_KINDS)
        .map(([kind, label]) => `${kind}（${label}）`)
        .join('、')}`,
      'disclosure',
    )
    .option(...JOBS_OPTION)
    .option(...MAX_MEMORY_OPTION)
    .option(...TIMEOUT_OPTION)
    .action(lazy(() => import('./report').then((m) => m.runReport)));

  program
    .command('score')
    .description('预算绩效评分：按口径的评分规则重算项目支出绩效自评表和部门整体支出绩效，并与公开得分对照')
    .argument('<package>', '数据包 JSON 文件（含 performance 数据）')
    .option(...PROFILE_OPTION)
    .option(...FORMAT_OPTION)
    .action(lazy(() => import('./score').then((m) => m.runScore)));
}

function registerStoreCommands(program: Command): void {
  const store = program
    .command('store')
    .description(
      '存储与版本：保存数据包（每次保存一个版本，可恢复）、列出、取出、恢复、审核；默认内嵌 PGlite，设置 DATABASE_URL 时用 PostgreSQL',
    );
  store
    .command('save')
    .description(
      '先校验数据包，再保存为该部门该年度的新版本；与最新版本相同时不重复保存；数据包有错误时不写入任何内容并以 2 退出',
    )
    .argument('<package>', '数据包 JSON 文件')
    .option('--note <text>', '本次保存的说明')
    .option(...STORE_OPTION)
    .option(...FORMAT_OPTION)
    .action(lazy(() => import('./store').then((m) => m.runStoreSave)));
  store
    .command('list')
    .description('列出已保存的版本（按部门、年度、版本号）')
    .option('--department <name>', '只列出这个部门（名称或代码）')
    .option('--year <year>', '只列出这一年度')
    .option(...STORE_OPTION)
    .option(...FORMAT_OPTION)
    .action(lazy(() => import('./store').then((m) => m.runStoreList)));
  store
    .command('show')
    .description('取出某个版本的数据包 JSON（写到标准输出，或用 -o 写入文件）')
    .argument('<revision>', '版本编号（见 juesuan store list）')
    .option('-o, --output <file>', '写入这个文件而不是标准输出')
    .option(...STORE_OPTION)
    .action(lazy(() => import('./store').then((m) => m.runStoreShow)));
  store
    .command('restore')
    .description('把某个旧版本另存为最新版本（历史版本全部保留，不删除任何版本）')
    .argument('<revision>', '要恢复的版本编号（见 juesuan store list）')
    .option('--note <text>', '本次恢复的说明（默认“恢复自第 N 版”）')
    .option(...STORE_OPTION)
    .option(...FORMAT_OPTION)
    .action(lazy(() => import('./store').then((m) => m.runStoreRestore)));
  store
    .command('check')
    .description('审核某个版本，把审核结果（汇总与每条问题）存入库中，并打印汇总；有错误时以 1 退出')
    .argument('<revision>', '版本编号（见 juesuan store list）')
    .option(...PROFILE_OPTION)
    .option(...STORE_OPTION)
    .option(...FORMAT_OPTION)
    .action(lazy(() => import('./store').then((m) => m.runStoreCheck)));
  store
    .command('totals')
    .description('按各部门各年度的最新版本合计数据（在数据库中求和，精确到分）')
    .option('--fact <keys>', '要合计的事实键，逗号分隔', 'income,expense')
    .option('--by <group>', 'year：按年度汇总各部门；department：按部门、年度列出', 'year')
    .option('--department <name>', '只算这个部门（名称或代码）')
    .option('--year <year>', '只算这一年度')
    .option(...STORE_OPTION)
    .option(...FORMAT_OPTION)
    .action(lazy(() => import('./store').then((m) => m.runStoreTotals)));
}

/** The workspace server and its set-up from the machine that holds the store. */
function registerWorkspaceCommands(program: Command): void {
  program
    .command('serve')
    .description(
      '启动工作台 HTTP 服务（接口说明见 /api/docs）：登录、部门与用户、数据包版本、填报—审核—公开流程，以及检查数据包、审读公开文件；按 Ctrl+C 停止',
    )
    .option('--port <port>', '端口', '8080')
    .option('--host <host>', '监听地址；对外提供服务时写 0.0.0.0', '127.0.0.1')
    .option(...DATA_OPTION)
    .action(lazy(() => import('./serve').then((m) => m.runServe)));

  program
    .command('user')
    .description('工作台用户（初始设置，由掌管数据库的人在本机执行）')
    .command('add')
    .description('添加用户；第一个管理员用它添加，其余用户也可由管理员在工作台中添加')
    .argument('<name>', '登录名')
    .requiredOption('--role <role>', '角色：filler（填报人）、reviewer（审核人）或 admin（管理员）')
    .option('--department <name>', '填报人所属部门（名称或代码）')
    .option('--password <password>', '密码（至少 8 个字符）；不给时在终端询问两次，不回显')
    .option('--display-name <name>', '姓名，默认同登录名')
    .option(...DATA_OPTION)
    .option(...FORMAT_OPTION)
    .action(lazy(() => import('./user').then((m) => m.runUserAdd)));

  program
    .command('department')
    .description('工作台部门（初始设置，由掌管数据库的人在本机执行）')
    .command('add')
    .description('添加部门；所属单位用 --parent 指定其主管部门')
    .argument('<name>', '部门名称')
    .option('--code <code>', '部门代码')
    .option('--parent <name>', '主管部门（名称或代码）')
    .option(...DATA_OPTION)
    .option(...FORMAT_OPTION)
    .action(lazy(() => import('./department').then((m) => m.runDepartmentAdd)));

  program
    .command('backup')
    .description(
      '把整个存储（内嵌数据库或 PostgreSQL）备份为一个文件：一次一致的快照，备份期间的保存要么全在、要么全不在',
    )
    .argument('<file>', '备份文件（gzip 压缩，先写临时文件，完成后改名）')
    .option(...STORE_OPTION)
    .option(...FORMAT_OPTION)
    .action(lazy(() => import('./backup').then((m) => m.runBackup)));

  program
    .command('restore')
    .description('把备份文件恢复到一个空存储（新目录会新建存储）；文件不完整或已损坏时不做任何更改')
    .argument('<file>', 'juesuan backup 写出的备份文件')
    .option(...STORE_OPTION)
    .option(...FORMAT_OPTION)
    .action(lazy(() => import('./backup').then((m) => m.runRestore)));
}
