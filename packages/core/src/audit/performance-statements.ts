/** What a published document states about the self-evaluations, read for P-R08 and P-R26. */
import type { SummaryData } from '../performance/schema';
import { stripMarkup } from '../text/normalize';
import type { RawDocument, RawLocation } from './raw';

export interface PerformanceStatement<T> {
  data: T;
  location: RawLocation;
  sentence: string;
}

export interface PerformanceStatements {
  /** 绩效自评 of N projects, 涉及资金 X 万元, N 个项目评价结果为“优” (预算绩效情况说明). */
  summary?: PerformanceStatement<SummaryData>;
  /** 部门整体支出绩效评价结果为“优”. */
  wholeGrade?: { grade: string; location: RawLocation; sentence: string };
  /**
   * A project's own score as the narrative states it (…经费项目绩效自评得分为93分；…自评分 100 分,
   * 评价等级为优), with the words before the score, which name the project.
   */
  projectScores: ProjectScoreStatement[];
}

export interface ProjectScoreStatement {
  score: string;
  grade?: string;
  /** Stated with the score (or in the sentence after it): 全年预算数, 执行数 (万元), 完成预算的 %. */
  budget?: string;
  executed?: string;
  completion?: string;
  /** The sentence up to the score, without spaces: where the project's name is. */
  subject: string;
  location: RawLocation;
  sentence: string;
}

const PROJECT_SCORE = /自评(?:得分|分)(?:为|是)?(\d+(?:\.\d+)?)分/g;

const GRADE = '(优秀|良好|优|良|中|差)';

/**
 * What 预算绩效情况说明 states about the self-evaluations, for P-R08 and P-R26. The share of 项目支出
 * (占…的 X%) is left to the narrative checks, which hold it against the printed tables.
 */
export function readPerformanceStatements(raw: RawDocument): PerformanceStatements {
  const out: PerformanceStatements = { projectScores: [] };
  for (const block of raw.blocks) {
    if (block.kind !== 'text') continue;
    const text = stripMarkup(block.text).replace(/\s+/g, '');
    out.projectScores.push(...projectScores(text, block.location));
    for (const sentence of text.split(/(?<=。)/)) {
      if (!out.summary) {
        const count =
          /(\d+)个(?:项目)?(?:全面)?(?:开展|进行)了?(?:项目)?绩效自评/.exec(sentence) ??
          /对(\d+)个项目(?:全面)?(?:开展|进行)了?绩效自评/.exec(sentence);
        if (count) {
          const data: SummaryData = { projectCount: Number(count[1]) };
          const amount = /涉及资金([\d,]+(?:\.\d+)?)万元/.exec(sentence);
          if (amount) data.amount = amount[1]!.replace(/,/g, '');
          // The grade counts follow in the next sentence of the same paragraph. Counts by the rule
          // scores (按评分规则计分, as juesuan writes them) are not the published grades P-R08 counts.
          const grades: NonNullable<SummaryData['grades']> = {};
          const byRule = /按(?:评分|计分)?规则/;
          const pattern = new RegExp(
            `(\\d+)个项目(?:的)?(?:评价|自评)(?:结果|等级)为[“"]?${GRADE}[”"]?`,
            'g',
          );
          for (const m of text.matchAll(pattern)) {
            const own = text.slice(text.lastIndexOf('。', m.index) + 1, m.index);
            if (byRule.test(own)) continue;
            const grade = gradeKey(m[2]!);
            if (grade) grades[grade] = (grades[grade] ?? 0) + Number(m[1]);
          }
          if (Object.keys(grades).length) data.grades = grades;
          const stated = text
            .split(/(?<=。)/)
            .filter((t) => t === sentence || new RegExp(pattern.source).test(t));
          out.summary = { data, location: block.location, sentence: stated.join('') };
        }
      }
      if (!out.wholeGrade) {
        const m = new RegExp(`整体支出绩效(?:自我|自)?评价?[^。]*?结果(?:为|:|：)[“"]?${GRADE}`).exec(
          sentence,
        );
        if (m) out.wholeGrade = { grade: gradeKey(m[1]!) ?? m[1]!, location: block.location, sentence };
      }
    }
  }
  return out;
}

function gradeKey(text: string): '优' | '良' | '中' | '差' | undefined {
  const g = text[0];
  return g === '优' || g === '良' || g === '中' || g === '差' ? g : undefined;
}

/** The project scores a paragraph (without markup and spaces) states, each with its sentence. */
function projectScores(text: string, location: RawLocation): ProjectScoreStatement[] {
  const out: ProjectScoreStatement[] = [];
  const sentences = text.split(/(?<=。)/);
  sentences.forEach((sentence, i) => {
    for (const m of sentence.matchAll(PROJECT_SCORE)) {
      const after = sentence.slice(m.index + m[0].length);
      const grade = new RegExp(`^[^。]{0,12}?(?:评价|自评)?等级(?:为|是)[“"]?${GRADE}`).exec(after);
      // The money follows in the same sentence or the next, unless that one is about another score.
      const next = sentences[i + 1] ?? '';
      const money = after + (new RegExp(PROJECT_SCORE.source).test(next) ? '' : next);
      const budget = /全年预算数?(?:为|是)?([\d,]+(?:\.\d+)?)万元/.exec(money)?.[1];
      const executed = /执行数(?:为|是)?([\d,]+(?:\.\d+)?)万元/.exec(money)?.[1];
      const completion = /完成(?:全年)?预算的(\d+(?:\.\d+)?)%/.exec(money)?.[1];
      out.push({
        score: m[1]!,
        ...(grade ? { grade: gradeKey(grade[1]!) ?? grade[1]! } : {}),
        ...(budget ? { budget: budget.replace(/,/g, '') } : {}),
        ...(executed ? { executed: executed.replace(/,/g, '') } : {}),
        ...(completion ? { completion } : {}),
        subject: sentence.slice(0, m.index),
        location,
        sentence: money === after ? sentence : sentence + next,
      });
    }
  });
  return out;
}
