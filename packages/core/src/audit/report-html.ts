/**
 * The reviewer's report of one or more audited documents as one self-contained HTML page: a
 * summary per document, the tables recognised with their confidence, and every finding with its
 * place, what was expected and what was found, filterable by severity and searchable. No external
 * resource: the page works offline and can be mailed as is.
 */

import { locationText, sentenceOf } from '../finding';
import type { Severity } from '../rules/catalogue';
import { type AuditResult, otherTypeText } from './audit';
import { documentPlaces } from './findings';

const SEVERITY_TEXT: Record<Severity, string> = { error: '错误', warning: '提示', info: '尾差' };

function esc(text: string | number | undefined): string {
  return String(text ?? '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;');
}

function percent(n: number): string {
  return `${Math.round(n * 100)}%`;
}

export interface HtmlReportOptions {
  title?: string;
  /** When the report was made (shown as given). */
  generated?: string;
  /** Files of the batch that could not be audited, each a row of the summary with the reason. */
  failures?: readonly { file: string; reason: string }[];
}

export function renderAuditHtml(documents: readonly AuditResult[], options: HtmlReportOptions = {}): string {
  const title = options.title ?? '部门决算公开审读报告';
  const sections = documents.map((d, i) => renderDocument(d, i)).join('\n');
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)}</title>
<style>
body { font-family: "Noto Sans CJK SC", "Microsoft YaHei", "PingFang SC", sans-serif; margin: 2rem; color: #222; }
h1 { font-size: 1.5rem; } h2 { font-size: 1.2rem; margin-top: 2.5rem; border-bottom: 1px solid #ccc; }
h3 { font-size: 1rem; margin-top: 1.5rem; }
table { border-collapse: collapse; width: 100%; margin: .5rem 0; font-size: .9rem; }
th, td { border: 1px solid #ddd; padding: .3rem .5rem; vertical-align: top; text-align: left; }
th { background: #f4f4f4; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
.error { color: #b00020; } .warning { color: #a66300; } .info { color: #00738a; }
.badge { display: inline-block; padding: 0 .4rem; border-radius: .3rem; color: #fff; font-size: .8rem; }
.badge.error { background: #b00020; } .badge.warning { background: #c77700; } .badge.info { background: #00838f; }
.filters { position: sticky; top: 0; background: #fff; padding: .5rem 0; border-bottom: 1px solid #eee; }
.filters label { margin-right: 1rem; }
.muted { color: #777; font-size: .85rem; }
tr.hidden { display: none; }
</style>
</head>
<body>
<h1>${esc(title)}</h1>
${options.generated ? `<p class="muted">生成时间：${esc(options.generated)}</p>` : ''}
<div class="filters">
  <label><input type="checkbox" data-severity="error" checked> 错误</label>
  <label><input type="checkbox" data-severity="warning" checked> 提示</label>
  <label><input type="checkbox" data-severity="info"> 尾差（信息）</label>
  <input type="search" id="search" placeholder="搜索规则、位置或说明">
</div>
<h2>汇总</h2>
<table>
<thead><tr><th>文件</th><th>口径（匹配度）</th><th>识别表</th><th>错误</th><th>提示</th><th>信息</th></tr></thead>
<tbody>
${summaryRows(documents, options.failures ?? [])}
</tbody>
</table>
${sections}
<script>
(function () {
  var boxes = document.querySelectorAll('.filters input[type=checkbox]');
  var search = document.getElementById('search');
  function apply() {
    var shown = {};
    boxes.forEach(function (b) { shown[b.getAttribute('data-severity')] = b.checked; });
    var q = (search.value || '').trim();
    document.querySelectorAll('tr[data-severity]').forEach(function (tr) {
      var visible = shown[tr.getAttribute('data-severity')] && (!q || tr.textContent.indexOf(q) >= 0);
      tr.classList.toggle('hidden', !visible);
    });
  }
  boxes.forEach(function (b) { b.addEventListener('change', apply); });
  search.addEventListener('input', apply);
  apply();
})();
</script>
</body>
</html>
`;
}

/** 汇总: a row per document, linked to its section, then a row per file that could not be audited. */
function summaryRows(
  documents: readonly AuditResult[],
  failures: NonNullable<HtmlReportOptions['failures']>,
): string {
  const audited = documents.map(
    (d, i) => `<tr>
  <td><a href="#doc-${i}">${esc(d.file)}</a></td>
  <td>${esc(d.profile.id)}（${percent(d.profile.score)}）</td>
  <td class="num">${d.summary.tablesRecognised}/${d.summary.tablesExpected}</td>
  <td class="num error">${d.summary.counts.error}</td>
  <td class="num warning">${d.summary.counts.warning}</td>
  <td class="num info">${d.summary.counts.info}</td>
</tr>`,
  );
  const failed = failures.map(
    (f) => `<tr>
  <td>${esc(f.file)}</td>
  <td colspan="5" class="error">未能审读：${esc(f.reason)}</td>
</tr>`,
  );
  return [...audited, ...failed].join('\n');
}

function renderDocument(d: AuditResult, index: number): string {
  const tables = [...d.tables, ...d.otherTypeTables]
    .map(
      (
        t,
      ) => `<tr><td>${esc(t.number)}</td><td>${esc(t.title)}${t.definedBy ? `<div class="muted">不属于本口径，按${esc(otherTypeText(t))}识别并审核</div>` : ''}</td><td>${esc(locationText({ places: documentPlaces(t.location) }))}</td>
<td class="num">${percent(t.confidence)}</td><td class="muted">${esc(t.why.join('；'))}</td></tr>`,
    )
    .join('\n');
  const missing = d.missingTables.length
    ? `<p class="error">缺少：${d.missingTables.map((t) => `${esc(t.number)}「${esc(t.title)}」`).join('、')}</p>`
    : '';
  const unknown = d.unknownTables.length
    ? `<p class="warning">未识别的表：${d.unknownTables
        .map(
          (u) =>
            `${esc(u.title ?? u.number ?? '（无标题）')}${u.variant ? `（为口径 ${esc(u.variant.profile)} 的${esc(u.variant.number)}）` : ''}`,
        )
        .join('、')}</p>`
    : '';
  const performance = d.performanceTables.length
    ? `<p class="muted">项目支出绩效自评表 ${d.performanceTables.length} 张${d.summary.performanceChecked ? '，已核对' : '（未核对）'}：${d.performanceTables
        .map((p) => esc(p.project ?? p.title))
        .join('、')}</p>`
    : '';
  const findings = d.findings
    .map(
      (f) => `<tr data-severity="${f.severity}">
  <td><span class="badge ${f.severity}">${SEVERITY_TEXT[f.severity]}</span></td>
  <td>${esc(f.rule)}</td>
  <td>${esc(f.categoryLabel)}</td>
  <td>${esc(locationText(f))}${sentenceOf(f) ? `<div class="muted">${esc(sentenceOf(f))}</div>` : ''}</td>
  <td>${esc(f.message)}</td>
  <td>${esc(f.expected?.text)}</td>
  <td>${esc(f.found?.text)}</td>
</tr>`,
    )
    .join('\n');
  return `<section id="doc-${index}">
<h2>${esc(d.file)}</h2>
<p>口径：${esc(d.profile.name)}（${esc(d.profile.id)}，匹配度 ${percent(d.profile.score)}；${esc(d.profile.why.join('，'))}）；年度 ${d.year}</p>
<p>错误 <span class="error">${d.summary.counts.error}</span>，提示 <span class="warning">${d.summary.counts.warning}</span>，信息 <span class="info">${d.summary.counts.info}</span>；执行规则 ${d.summary.rulesRun} 条；情况说明数字 ${d.summary.claims.total} 处（相符 ${d.summary.claims.ok}，不符 ${d.summary.claims.mismatch}，格式 ${d.summary.claims.format}，无从核对 ${d.summary.claims.unverifiable}）</p>
${missing}${unknown}${performance}
<h3>识别的表</h3>
<table>
<thead><tr><th>表号</th><th>标题</th><th>位置</th><th>置信度</th><th>依据</th></tr></thead>
<tbody>
${tables}
</tbody>
</table>
<h3>问题</h3>
<table>
<thead><tr><th>级别</th><th>规则</th><th>类别</th><th>位置</th><th>说明</th><th>应为</th><th>实为</th></tr></thead>
<tbody>
${findings || '<tr><td colspan="7">未发现问题。</td></tr>'}
</tbody>
</table>
</section>`;
}
