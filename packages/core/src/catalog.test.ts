import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Catalog, type CatalogEntry, levelOf, parentCode, parseCatalogTsv } from './catalog';

const HEADER = 'code\tname\tlevel\tfrom\tto\tverified\tsource';

function tsv(...rows: string[]): string {
  return [HEADER, ...rows].join('\n');
}

/** A small functional catalog: a rename of 210 in 2019, a 款 that ended, children out of code order. */
const FUNCTIONAL = tsv(
  '2101599\t其他医疗保障管理事务支出\t项\t2019\t\tyes\tseed:S2',
  '210\t卫生健康支出\t类\t2019\t\tyes\tseed:S2 T01',
  '210\t医疗卫生与计划生育支出\t类\t2014\t2018\tyes\tweb:example 2016',
  '21015\t医疗保障管理事务\t款\t2019\t\tyes\tseed:S2',
  '21005\t医疗保障\t款\t2014\t2017\tno\tknowledge(unverified)',
  '21011\t行政事业单位医疗\t款\t2018\t\tyes\tseed:S2',
  '2101501\t行政运行\t项\t2019\t\tyes\tseed:S2',
  '',
  '# a comment line is skipped',
  '2101506\t医疗保障经办事务\t项\t2019\t\tyes\tseed:S2',
);

const ECONOMIC = tsv(
  '399\t其他支出\t类\t2019\t\tyes\tseed:S0',
  '39906\t赠与\t款\t2019\t2020\tyes\tseed:S0',
  '39909\t经常性赠与\t款\t2021\t\tyes\tseed:S2',
);

function catalog(): Catalog {
  return new Catalog([
    ...parseCatalogTsv(FUNCTIONAL, 'functional'),
    ...parseCatalogTsv(ECONOMIC, 'economic'),
  ]);
}

describe('parseCatalogTsv', () => {
  it('reads every field, with an empty `to` as still in force and blank and # lines skipped', () => {
    const entries = parseCatalogTsv(FUNCTIONAL, 'functional');
    assert.equal(entries.length, 8);
    assert.deepEqual(entries[2], {
      classification: 'functional',
      code: '210',
      name: '医疗卫生与计划生育支出',
      level: '类',
      from: 2014,
      to: 2018,
      verified: true,
      source: 'web:example 2016',
    } satisfies CatalogEntry);
    const last = entries.at(-1)!;
    assert.equal(last.code, '2101506');
    assert.equal(last.to, null);
    assert.equal(last.level, '项');
    assert.equal(entries.find((e) => e.code === '21005')?.verified, false);
  });

  it('accepts CRLF line endings and a trailing newline', () => {
    const entries = parseCatalogTsv(`${ECONOMIC.replace(/\n/g, '\r\n')}\r\n`, 'economic');
    assert.deepEqual(
      entries.map((e) => [e.code, e.name, e.classification]),
      [
        ['399', '其他支出', 'economic'],
        ['39906', '赠与', 'economic'],
        ['39909', '经常性赠与', 'economic'],
      ],
    );
  });

  it('rejects a header whose columns are out of order, naming the column', () => {
    assert.throws(
      () =>
        parseCatalogTsv(
          'code\tname\tlevel\tto\tfrom\tverified\tsource\n210\t卫生健康支出\t类\t\t2019\tyes\tx',
          'functional',
        ),
      /表头第 4 列应为 from，实际为 to/,
    );
    assert.throws(() => parseCatalogTsv('', 'functional'), /表头第 1 列应为 code/);
  });

  it('rejects a level that does not match the code length, with the file line number', () => {
    assert.throws(
      () =>
        parseCatalogTsv(
          tsv('210\t卫生健康支出\t类\t2019\t\tyes\tx', '21015\t医疗保障管理事务\t项\t2019\t\tyes\tx'),
          'functional',
        ),
      /^Error: 第 3 行：代码 21015 与级次 项 不符$/,
    );
    assert.throws(
      () => parseCatalogTsv(tsv('2101\t半截代码\t款\t2019\t\tyes\tx'), 'functional'),
      /第 2 行：代码 2101/,
    );
    assert.throws(() => parseCatalogTsv(tsv('21A\t字母\t类\t2019\t\tyes\tx'), 'functional'), /第 2 行/);
  });

  it('counts blank and comment lines when it reports the line of a bad year', () => {
    assert.throws(
      () => parseCatalogTsv(tsv('', '# note', '210\t卫生健康支出\t类\t19\t\tyes\tx'), 'functional'),
      /^Error: 第 4 行：起止年度应为四位年份$/,
    );
    assert.throws(
      () => parseCatalogTsv(tsv('210\t卫生健康支出\t类\t2019\t今年\tyes\tx'), 'functional'),
      /第 2 行：起止年度应为四位年份/,
    );
  });

  it('rejects a verified flag other than yes or no, and a row cut short', () => {
    assert.throws(
      () => parseCatalogTsv(tsv('210\t卫生健康支出\t类\t2019\t\ttrue\tx'), 'functional'),
      /第 2 行：verified 应为 yes 或 no/,
    );
    assert.throws(() => parseCatalogTsv(tsv('210\t卫生健康支出\t类'), 'functional'), /第 2 行：起止年度/);
  });
});

describe('Catalog', () => {
  it('looks a code up by year across a rename', () => {
    const c = catalog();
    assert.equal(c.nameOf('functional', '210', 2014), '医疗卫生与计划生育支出');
    assert.equal(c.nameOf('functional', '210', 2018), '医疗卫生与计划生育支出');
    assert.equal(c.nameOf('functional', '210', 2019), '卫生健康支出');
    assert.equal(c.nameOf('functional', '210', 2025), '卫生健康支出');
    assert.equal(c.lookup('functional', '210', 2019)?.source, 'seed:S2 T01');
    assert.equal(c.lookup('functional', '210', 2013), undefined, 'before the first year');
  });

  it('returns undefined for an unknown code, a code out of force, or the other classification', () => {
    const c = catalog();
    assert.equal(c.lookup('functional', '2109999', 2024), undefined);
    assert.equal(c.nameOf('functional', '999', 2024), undefined);
    assert.equal(c.lookup('functional', '21005', 2019), undefined, '21005 ended in 2017');
    assert.equal(c.lookup('functional', '21015', 2018), undefined, '21015 began in 2019');
    assert.equal(c.lookup('economic', '210', 2024), undefined);
    assert.equal(c.lookup('functional', '399', 2024), undefined);
    assert.deepEqual(c.history('functional', '2109999'), []);
  });

  it('keeps the last year of an ended code inclusive and the first year of a new one', () => {
    const c = catalog();
    assert.equal(c.nameOf('economic', '39906', 2020), '赠与');
    assert.equal(c.nameOf('economic', '39906', 2021), undefined);
    assert.equal(c.nameOf('economic', '39909', 2020), undefined);
    assert.equal(c.nameOf('economic', '39909', 2021), '经常性赠与');
  });

  it('gives the history of a code oldest first whatever the row order in the file', () => {
    assert.deepEqual(
      catalog()
        .history('functional', '210')
        .map((e) => [e.name, e.from, e.to]),
      [
        ['医疗卫生与计划生育支出', 2014, 2018],
        ['卫生健康支出', 2019, null],
      ],
    );
  });

  it('lists the children in force for a year in code order, under the name of that year', () => {
    const c = catalog();
    assert.deepEqual(
      c.children('functional', '210', 2024).map((e) => e.code),
      ['21011', '21015'],
    );
    assert.deepEqual(
      c.children('functional', '210', 2017).map((e) => [e.code, e.name]),
      [['21005', '医疗保障']],
    );
    assert.deepEqual(
      c.children('functional', '21015', 2024).map((e) => e.code),
      ['2101501', '2101506', '2101599'],
    );
    assert.deepEqual(c.children('functional', '2101501', 2024), []);
    assert.deepEqual(
      c.children('economic', '399', 2020).map((e) => e.code),
      ['39906'],
    );
  });

  it('lists every entry in force for a year in code order, one per code', () => {
    const c = catalog();
    assert.deepEqual(
      c.entries('functional', 2018).map((e) => [e.code, e.name]),
      [
        ['210', '医疗卫生与计划生育支出'],
        ['21011', '行政事业单位医疗'],
      ],
    );
    assert.deepEqual(
      c.entries('functional', 2019).map((e) => e.code),
      ['210', '21011', '21015', '2101501', '2101506', '2101599'],
    );
    assert.deepEqual(
      c.entries('economic', 2024).map((e) => e.code),
      ['399', '39909'],
    );
  });
});

describe('levelOf and parentCode', () => {
  it('derives 类/款/项 from the code length and nothing else', () => {
    assert.equal(levelOf('210'), '类');
    assert.equal(levelOf('21015'), '款');
    assert.equal(levelOf('2101501'), '项');
    assert.equal(levelOf('30101'), '款');
    for (const bad of ['', '21', '2101', '210150', '21015011', '21O', '２１０']) {
      assert.equal(levelOf(bad), undefined, bad);
    }
  });

  it('walks 项 → 款 → 类 → nothing', () => {
    assert.equal(parentCode('2101501'), '21015');
    assert.equal(parentCode('21015'), '210');
    assert.equal(parentCode('210'), undefined);
    assert.equal(parentCode('39909'), '399');
  });
});
