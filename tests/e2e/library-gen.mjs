// Invented bulletins for the library tests, with their answer key: several
// titles (each its own office), two years, issues with gaps, and every unit
// written several ways (县发改委 / 发改委 / 县发展改革委 / 县发展和改革委员会).
// The key says, for each bulletin, each item's section and the unit that
// reported it under one name the test chose — so the test can count the
// adoption table itself, without the app's unit rules.
import { random } from './invented-bulletins.mjs';

/** Each unit: the test's own name, and the ways bulletins write it (`P` is the county or district prefix). */
export const UNITS = [
  ['发改委', ['P发改委', '发改委', 'P发展改革委', 'P发展和改革委员会']],
  ['人社局', ['P人社局', 'P人力资源和社会保障局', '人社局']],
  ['市场监管局', ['P市场监管局', 'P市场监督管理局', '市场监管局']],
  ['财政局', ['P财政局', '财政局']],
  ['卫健委', ['P卫健委', 'P卫生健康委员会']],
  ['住建局', ['P住建局', 'P住房和城乡建设局']],
  ['教体局', ['P教体局', 'P教育和体育局']],
  ['应急管理局', ['P应急管理局', '应急局']],
  ['城关镇', ['城关镇']],
  ['东湖乡', ['东湖乡']],
];

export const SERIES = [
  { title: '青禾县政务快报', office: '青禾县人民政府办公室', prefix: '县' },
  { title: '柳川区政务信息', office: '柳川区人民政府办公室', prefix: '区' },
  { title: '石湾县工作简报', office: '石湾县委办公室', prefix: '县' },
];

const SECTIONS = ['工作动态', '项目建设', '民生保障', '基层声音'];
const TOPICS = ['扎实推进重点工作', '全力做好民生保障', '持续优化营商环境', '深入开展安全检查', '加快项目建设进度', '积极推动产业发展'];
const FILL = '围绕年度目标任务，坚持问题导向，对照责任清单逐项推进，定期调度、跟踪问效，确保各项工作落地见效。';

function item(r, series, unitIndex, seq, padding) {
  const [, forms] = UNITS[unitIndex];
  const written = r.pick(forms).replace('P', series.prefix);
  const topic = TOPICS[seq % TOPICS.length];
  // The indicator each unit reports in (nearly) every issue.
  const figures = [
    `一般公共预算收入 ${r.dec(1, 9)} 亿元`,
    `服务群众 ${r.int(100, 9000)} 人次`,
    `完成投资 ${r.int(2, 80)} 亿元`,
  ];
  const body = `今年以来，${written}${FILL.repeat(padding)}${figures[seq % 3]}，同比增长 ${r.dec(1, 20)}%。`;
  return `${written}${topic}（第${seq + 1}项）  ${body}（${written}）`;
}

/**
 * `count` bulletins spread over the series, years 2024 and 2025, each with
 * `items` items (more `padding` makes them longer). Returns
 * [{name, text, key: {series, year, month, issue, items: [{section, unit}]}}].
 */
export function libraryBulletins(count, { seed = 14, items = 6, padding = 0 } = {}) {
  const r = random(seed);
  const out = [];
  const perSeries = Math.ceil(count / SERIES.length);
  for (let s = 0; s < SERIES.length && out.length < count; s++) {
    const series = SERIES[s];
    const perYear = Math.ceil(perSeries / 2);
    for (let y = 0; y < 2 && out.length < count; y++) {
      const year = 2024 + y;
      let issue = 0;
      for (let k = 0; k < perYear && out.length < count; k++) {
        issue += 1;
        // A gap in the numbering now and then (an issue never received).
        if (k > 0 && k % 17 === 0) issue += 1;
        const dayOfYear = Math.min(360, Math.floor(((k + 0.5) * 360) / perYear));
        const month = Math.floor(dayOfYear / 30) + 1;
        const day = (dayOfYear % 30) + 1 > 28 ? 28 : (dayOfYear % 30) + 1;
        const lines = [series.title, '', `第 ${issue} 期`, '', `${series.office}          ${year} 年 ${month} 月 ${day} 日`, ''];
        const keyItems = [];
        let section = null;
        for (let i = 0; i < items; i++) {
          const sec = SECTIONS[Math.floor((i * SECTIONS.length) / items)];
          if (sec !== section) {
            lines.push(`【${sec}】`, '');
            section = sec;
          }
          const u = r.int(0, UNITS.length - 1);
          lines.push(item(r, series, u, i, padding), '');
          keyItems.push({ section: sec, unit: UNITS[u][0] });
        }
        lines.push('本期发：各乡镇、县直各单位。', '');
        out.push({
          name: `${series.title}-${year}-${String(issue).padStart(2, '0')}.txt`,
          text: lines.join('\n'),
          key: { series: series.title, year, month, issue, items: keyItems },
        });
      }
    }
  }
  return out;
}

/** The adoption count the key gives: `series\tunit` → items, in the period. */
export function expectedAdoption(bulletins, inPeriod) {
  const counts = new Map();
  for (const { key } of bulletins) {
    if (!inPeriod(key)) continue;
    for (const it of key.items) {
      const k = `${key.series}\t${it.unit}`;
      counts.set(k, (counts.get(k) ?? 0) + 1);
    }
  }
  return counts;
}
