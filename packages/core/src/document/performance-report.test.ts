import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { PERFORMANCE_REPORT_FORMAT, parsePerformanceReportProfile } from './performance-report';

const valid = () => ({
  format: PERFORMANCE_REPORT_FORMAT,
  profile: 'test-2024',
  amounts: { unit: '万元', decimals: 2 },
  title: '{{ dept.name }}{{ year }}年度部门整体支出绩效自评报告',
  sections: [
    { id: 'overview', heading: '一、部门概况', template: 'overview' },
    { id: 'problems', heading: '五、存在的主要问题', template: 'problems' },
  ],
});
const templates = { overview: '收入合计{{ income.total.amount }}万元。', problems: '{{ x }}' };

describe('parsePerformanceReportProfile (profiles/<id>/performance-report/report.json)', () => {
  it('parses the outline with its templates; the heading defaults to the title', () => {
    const loaded = parsePerformanceReportProfile(valid(), templates);
    assert.ok(loaded.ok);
    assert.deepEqual(
      loaded.report.sections.map((s) => s.id),
      ['overview', 'problems'],
    );
    assert.equal(loaded.report.heading.length, loaded.report.title.length);
    assert.equal(loaded.report.placeholders.report, '【请填写{what}】');
  });

  it('names the file, the path and what was expected for a bad outline, in Chinese', () => {
    const { sections: _sections, ...noSections } = valid();
    const missing = parsePerformanceReportProfile(noSections, templates);
    assert.deepEqual(missing, { ok: false, errors: ['report.json sections：缺少必填项（应为 array）'] });
    const unknownKey = parsePerformanceReportProfile({ ...valid(), outline: [] }, templates);
    assert.deepEqual(unknownKey, { ok: false, errors: ['report.json：不认识的键 outline'] });
    const badId = parsePerformanceReportProfile(
      { ...valid(), sections: [{ id: '1st', heading: '一、', template: 'overview' }] },
      templates,
    );
    assert.ok(!badId.ok && /report\.json sections\[0\]\.id/.test(badId.errors[0]!));
  });

  it('reports a missing template, a template mistake and a repeated section', () => {
    const json = valid();
    json.sections.push({ id: 'overview', heading: '六、', template: 'measures' });
    const loaded = parsePerformanceReportProfile(json, { ...templates, _part: '{% if %}' });
    assert.ok(!loaded.ok);
    assert.ok(loaded.errors.some((e) => e.startsWith('_part.liquid: 模板有误')));
    assert.ok(loaded.errors.includes('report.json sections: 节 overview 重复'));
    assert.ok(loaded.errors.includes('report.json sections.2.template: 缺少模板 measures.liquid'));
  });
});
