// 读取 XLSX 的用时与内存：景德镇样例经渲染器生成的 XLSX（一个部门的真实规模），与合成的大工作簿（多张工作表、
// 每张数千行带数字格式的单元格）。每个文件在自己的子进程里读（生成文件的内存不计入），先读一次预热，再计时读 N 轮，
// 打印中位数和读取过程中的最高常驻内存（RSS）。
//   npx tsx bench/read-xlsx.ts [rounds=5] [sheets=40] [rows=2000]

import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { EXAMPLES_DIR, loadCatalog, loadProfile, readPackageFile } from '@juesuan/data';
import { renderXlsx } from '@juesuan/render';
import ExcelJS from 'exceljs';
import { buildTestDocument } from '../packages/render/src/testing/documents';
import { timeReads } from './read-timing';

const rounds = Number(process.argv[2] ?? 5);
const sheetCount = Number(process.argv[3] ?? 40);
const rowCount = Number(process.argv[4] ?? 2000);

async function departmentXlsx(): Promise<Buffer> {
  const catalog = loadCatalog();
  const { package: pkg } = readPackageFile(join(EXAMPLES_DIR, 'jingdezhen-2024.json'), { catalog });
  if (!pkg) throw new Error('样例数据包无法读取');
  return renderXlsx(buildTestDocument(pkg, loadProfile('jiangxi-2024'), catalog));
}

async function largeXlsx(sheets: number, rows: number): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  for (let s = 0; s < sheets; s++) {
    const sheet = workbook.addWorksheet(`表${s + 1}`);
    sheet.addRow([`收支决算表 ${s + 1}`]);
    sheet.addRow(['科目编码', '科目名称', '年初结转', '本年收入', '本年支出', '年末结转']);
    for (let r = 0; r < rows; r++) {
      const row = sheet.addRow([
        `${2010000 + r}`,
        `支出项目 ${s}-${r}`,
        r * 13.7,
        r * 1021.35,
        r * 998.12,
        r * 36.93,
      ]);
      for (let c = 3; c <= 6; c++) row.getCell(c).numFmt = '#,##0.00';
    }
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

async function measure(file: string): Promise<void> {
  const bytes = readFileSync(file);
  const name = basename(file);
  const { document: warm, times, median, peakRss: peak } = await timeReads(bytes, name, rounds);
  const tables = warm.blocks.filter((b) => b.kind === 'table').length;
  process.stdout.write(
    `${name}：${(bytes.length / 1024).toFixed(0)} KB，${warm.pages} 张工作表，${warm.blocks.length} 块（表格 ${tables}）；` +
      `${rounds} 轮用时 ${times.map((t) => t.toFixed(0)).join(' / ')} ms，中位数 ${median.toFixed(0)} ms；` +
      `最高 RSS ${Math.round(peak / 1024 / 1024)} MB\n`,
  );
}

if (process.env.READ_XLSX_FILE) {
  await measure(process.env.READ_XLSX_FILE);
} else {
  const dir = mkdtempSync(join(tmpdir(), 'read-xlsx-'));
  try {
    const inputs = [
      { name: 'jingdezhen-2024.xlsx', bytes: await departmentXlsx() },
      { name: `synthetic-${sheetCount}x${rowCount}.xlsx`, bytes: await largeXlsx(sheetCount, rowCount) },
    ];
    for (const { name, bytes } of inputs) {
      const file = join(dir, name);
      writeFileSync(file, bytes);
      execFileSync(
        process.execPath,
        [...process.execArgv, fileURLToPath(import.meta.url), ...process.argv.slice(2)],
        {
          env: { ...process.env, READ_XLSX_FILE: file },
          stdio: 'inherit',
        },
      );
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
