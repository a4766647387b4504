// Invented county bulletins for the offline and large-input tests: the
// same shape as the real ones (masthead, 【sections】, items closing with
// their reporting unit, figures with units), none of their text. A seeded
// generator, so every run sees the same inputs.

const UNITS = [
  "县发改委", "县财政局", "县教育局", "县农业农村局", "县人社局", "县住建局", "县水利局",
  "县市场监管局", "县医保局", "县文旅局", "县应急管理局", "县商务局", "城关镇", "东湖乡",
  "石桥镇", "柳营乡", "北岗镇", "西河街道", "县供电公司", "县税务局",
];
const SECTIONS = ["重点工作", "项目建设", "民生保障", "乡村振兴", "营商环境", "安全生产", "基层动态"];
const TOPICS = [
  ["扎实推进", "高标准农田建设"], ["全力做好", "稳就业工作"], ["持续优化", "营商环境"],
  ["深入开展", "安全生产大排查"], ["加快推进", "重点项目建设"], ["积极开展", "医保政策宣传"],
  ["强化", "财政资金监管"], ["多措并举", "促进消费"], ["精心组织", "秋季开学工作"],
  ["扎实开展", "人居环境整治"], ["全面启动", "防汛备汛工作"], ["聚焦", "企业纾困解难"],
];
const CLAUSES = [
  (r) => `累计完成投资 ${r.dec(1, 90)} 亿元`,
  (r) => `同比增长 ${r.dec(1, 30)}%`,
  (r) => `惠及群众 ${r.int(120, 9800)} 人`,
  (r) => `新建改造农田 ${r.int(2, 60)} 万亩`,
  (r) => `发放补贴资金 ${r.int(30, 900)} 余万元`,
  (r) => `排查整改隐患 ${r.int(12, 480)} 处`,
  (r) => `开展培训 ${r.int(3, 40)} 场次`,
  (r) => `清运垃圾 ${r.dec(10, 900)} 吨`,
  (r) => `服务企业 ${r.int(8, 300)} 家`,
  (r) => `建成项目 ${r.int(2, 30)} 个`,
  (r) => `用时 ${r.int(2, 15)} 天`,
];
const GLUE = [
  "围绕年度目标任务，", "坚持问题导向，", "对照责任清单，", "通过专班推进、定期调度，",
  "截至目前，", "今年以来，", "下一步，将持续巩固成效，",
];

/** A small deterministic random source (mulberry32). */
export function random(seed) {
  let s = seed >>> 0;
  const next = () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (lo, hi) => lo + Math.floor(next() * (hi - lo + 1)),
    dec: (lo, hi) => (lo + next() * (hi - lo)).toFixed(2).replace(/0$/, "").replace(/\.$/, ""),
    pick: (list) => list[Math.floor(next() * list.length)],
  };
}

function item(r) {
  const unit = r.pick(UNITS);
  const [verb, topic] = r.pick(TOPICS);
  const clauses = [];
  const n = r.int(2, 4);
  for (let i = 0; i < n; i++) clauses.push(r.pick(CLAUSES)(r));
  const body = `${r.pick(GLUE)}${unit}${verb}${topic}，${clauses.join("，")}。`;
  return `${unit}${verb}${topic}  ${body}（${unit.replace(/^县/, "")}）`;
}

/** One invented bulletin of about `items` items. */
export function inventedBulletin(seed, { items = 8 } = {}) {
  const r = random(seed);
  const issue = r.int(1, 52);
  const lines = [
    "城南县政务快报",
    "",
    `第 ${issue} 期`,
    "",
    `城南县人民政府办公室          2024 年 ${r.int(1, 12)} 月 ${r.int(1, 28)} 日`,
    "",
  ];
  let left = items;
  while (left > 0) {
    lines.push(`【${r.pick(SECTIONS)}】`, "");
    const inSection = Math.min(left, r.int(2, 4));
    for (let i = 0; i < inSection; i++) lines.push(item(r), "");
    left -= inSection;
  }
  lines.push("本期发：县委常委，县人大、县政府、县政协领导。", "责任编辑：周 明    审核：吴静    签发：郑伟");
  return lines.join("\n") + "\n";
}

/** About `bytes` bytes (UTF-8) of one long invented bulletin. */
export function inventedLargeText(bytes, seed = 7) {
  const r = random(seed);
  const parts = [inventedBulletin(seed, { items: 4 })];
  let size = Buffer.byteLength(parts[0]);
  let section = 0;
  while (size < bytes) {
    const block = [`【${SECTIONS[section++ % SECTIONS.length]}（${section}）】`, ""];
    for (let i = 0; i < 5; i++) block.push(item(r), "");
    const text = block.join("\n") + "\n";
    parts.push(text);
    size += Buffer.byteLength(text);
  }
  return parts.join("");
}
