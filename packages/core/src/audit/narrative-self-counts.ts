/**
 * N-S06: a number of projects stated in the narrative against the projects it names or counts
 * elsewhere: “对2个项目开展了部门评价，分别为：A、B”, “对“A”、“B”等4个项目”, and the 其中 breakdown
 * by grade (“其中，2个项目评价结果为‘优’，0个项目…”) against the number evaluated.
 */
import type { Finding } from '../finding';
import type { NarrativeSentence } from './claims';
import { selfFinding } from './narrative-self-base';

const PROJECTS = '个(?:一级|二级)?项目';
/** N 个项目 …，分别为：A、B、C — every project named, so the names are as many as N. */
const COUNT_THEN_NAMES = new RegExp(`(\\d+)${PROJECTS}[^。；]*?分别(?:为|是)[：:]([^。；]+)`, 'g');
/** “A”、“B”等 N 个项目 — the quoted names are examples, so no more of them than N. */
const NAMES_THEN_COUNT = new RegExp(`((?:“[^”]+”、?)+)等(\\d+)${PROJECTS}`, 'g');
/** The number evaluated: 对 N 个项目, 二级项目 N 个. */
const EVALUATED = new RegExp(`(?:对|共|全部|二级项目|一级项目)(?:纳入[^，。]*?)?(\\d+)(?:${PROJECTS}|个)`);
/** One grade's count in the 其中 breakdown: 2个项目评价结果为“优”. */
const GRADE_COUNT = new RegExp(
  `(\\d+)${PROJECTS}(?:的)?(?:自评|评价)?(?:结果|等级|得分)?(?:为|是|评定为)“`,
  'g',
);

/** The names of a list, split at 、 outside brackets and quotes (医疗保障改革专项经费(2024年)). */
function listedNames(list: string): string[] {
  const names: string[] = [];
  let depth = 0;
  let current = '';
  for (const ch of list.trim()) {
    if ('（(“《'.includes(ch)) depth++;
    if ('）)”》'.includes(ch)) depth = Math.max(0, depth - 1);
    if (ch === '、' && depth === 0) {
      names.push(current);
      current = '';
    } else current += ch;
  }
  names.push(current);
  return names.map((n) => n.trim()).filter((n) => n !== '');
}

/** A count that disagrees, placed at the sentences that print both numbers (the last one holds the list). */
function countFinding(
  printedIn: readonly NarrativeSentence[],
  at: number,
  message: string,
  found: string,
  expected: string,
): Finding {
  const sentence = printedIn.at(-1)!;
  return selfFinding({
    id: `N-S06@${sentence.index}/${at}`,
    rule: 'N-S06',
    message,
    sentences: printedIn,
    found,
    expected,
  });
}

export function checkProjectCounts(sentences: readonly NarrativeSentence[]): Finding[] {
  const findings: Finding[] = [];
  for (const sentence of sentences) {
    for (const m of sentence.text.matchAll(COUNT_THEN_NAMES)) {
      const stated = Number(m[1]);
      const names = listedNames(m[2]!);
      if (names.length === stated) continue;
      findings.push(
        countFinding(
          [sentence],
          m.index,
          `写“${stated}个项目”，随后“分别为”列出的是 ${names.length} 个：${names.join('、')}`,
          `${stated}个`,
          `${names.length}个`,
        ),
      );
    }
    for (const m of sentence.text.matchAll(NAMES_THEN_COUNT)) {
      const stated = Number(m[2]);
      const names = listedNames(m[1]!);
      if (names.length <= stated) continue;
      findings.push(
        countFinding(
          [sentence],
          m.index,
          `“${m[0]}”：点名的项目已有 ${names.length} 个，多于所写的 ${stated} 个`,
          `${stated}个`,
          `≥ ${names.length}个`,
        ),
      );
    }
  }
  return [...findings, ...gradeBreakdowns(sentences)];
}

/** The 其中 breakdown by grade, in the sentence that gives the number evaluated or the one after it. */
function gradeBreakdowns(sentences: readonly NarrativeSentence[]): Finding[] {
  const findings: Finding[] = [];
  sentences.forEach((sentence, i) => {
    const at = sentence.text.indexOf('其中');
    if (at < 0) return;
    const grades = [...sentence.text.slice(at).matchAll(GRADE_COUNT)];
    if (grades.length < 2) return;
    const before = sentence.text.slice(0, at);
    const previous = sentences[i - 1];
    const samePlace = previous && previous.paragraph === sentence.paragraph ? previous : undefined;
    const source = EVALUATED.test(before)
      ? sentence
      : samePlace && EVALUATED.test(samePlace.text)
        ? samePlace
        : undefined;
    if (!source) return;
    const evaluated = Number(EVALUATED.exec(source === sentence ? before : source.text)![1]);
    const sum = grades.reduce((t, g) => t + Number(g[1]), 0);
    if (sum === evaluated) return;
    findings.push(
      countFinding(
        source === sentence ? [sentence] : [source, sentence],
        at,
        `开展评价的项目为 ${evaluated} 个，其中各评价等级的项目数 ${grades.map((g) => g[1]).join(' + ')} = ${sum} 个`,
        `${sum}个`,
        `${evaluated}个`,
      ),
    );
  });
  return findings;
}
