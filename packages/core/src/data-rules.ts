/** The completeness check of check.ts, declared for the rule registry. */
import { declareFamily } from './rules/rule-meta';

export const DATA_RULES = declareFamily('data', [
  {
    id: 'D-01',
    severity: 'error',
    title: '公开表有数据',
    meaning:
      '部门决算公开须印出口径规定的每一张表。数据包对某张应公开的表一个数也没有填报时，这张表无法生成，涉及它的审核公式也无从核对；政府性基金、国有资本经营等允许以空表说明代替的表除外。',
    appliesTo: '所有口径的应公开表（printed）；只检查数据包（生成、juesuan check），不检查审读的文档',
    check:
      '按口径建立各表视图后，某张应公开的表所有分区所有行都没有任何单元格取到数据、且该表没有空表说明时报告；读取这张表的审核公式随之跳过。',
    example:
      '数据包只录入了收支总表和支出决算表，没有任何 basicEcon 事实，公开06表「一般公共预算财政拨款基本支出决算表」整张无数。',
  },
]);
