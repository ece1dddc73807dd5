/**
 * The bench data set: realistic 政务失信记录 (DOMAIN.md §1), generated from a seed so every run sees the
 * same records. Unit names, USCCs (GB 32100 check character), identity numbers (GB 11643 check digit),
 * facts of 40–200 characters, document numbers, and a spread of statuses, situations, sectors, dates,
 * severities and amounts.
 */
import {
  CLUE_SOURCES, RECORD_FIELD_LABELS, type RecordStatus, type Sector, type Severity, type Situation,
} from '../../shared/domain/dishonesty';
import type { RecordFields } from '../../shared/domain/recordSchema';
import { computeIdCheckChar } from '../../shared/validation/idcard';
import { computeUsccCheckChar, USCC_CHARSET } from '../../shared/validation/uscc';
import { Rng } from './prng';

// ---------------------------------------------------------------------------------------------------
// Vocabulary

const PLACE_CHARS =
  '东西南北中青阳平安宁华新兴江河山湖城桥林泉庄沙石金云龙凤清长永丰和福顺通德明光白红黄高仁义文武嘉宝海滨溪塘坪岭湾春秋临昌盛鼓楼玄秦淮建邺栖霞雨花台浦六合溧水淳姑苏吴虹锡惠滨梁溪';
const CITIES = [
  '南京', '苏州', '无锡', '常州', '镇江', '扬州', '泰州', '南通', '盐城', '淮安', '宿迁', '徐州', '连云港',
  '杭州', '宁波', '温州', '嘉兴', '湖州', '绍兴', '金华', '合肥', '芜湖', '济南', '青岛', '郑州', '洛阳',
  '南昌', '赣州', '福州', '厦门', '长沙', '武汉', '宜昌', '襄阳',
];
const PROVINCE_OF_CITY: Record<string, string> = {
  南京: '苏', 苏州: '苏', 无锡: '苏', 常州: '苏', 镇江: '苏', 扬州: '苏', 泰州: '苏', 南通: '苏', 盐城: '苏', 淮安: '苏',
  宿迁: '苏', 徐州: '苏', 连云港: '苏', 杭州: '浙', 宁波: '浙', 温州: '浙', 嘉兴: '浙', 湖州: '浙', 绍兴: '浙', 金华: '浙',
  合肥: '皖', 芜湖: '皖', 济南: '鲁', 青岛: '鲁', 郑州: '豫', 洛阳: '豫', 南昌: '赣', 赣州: '赣', 福州: '闽', 厦门: '闽',
  长沙: '湘', 武汉: '鄂', 宜昌: '鄂', 襄阳: '鄂',
};
const REGION_PREFIX: Record<string, string> = { 苏: '32', 浙: '33', 皖: '34', 鲁: '37', 豫: '41', 赣: '36', 闽: '35', 湘: '43', 鄂: '42' };
const BUREAUS = [
  '财政局', '住房和城乡建设局', '交通运输局', '自然资源和规划局', '商务局', '发展和改革局', '教育局', '卫生健康委员会',
  '城市管理局', '水务局', '农业农村局', '市场监督管理局', '统计局', '人力资源和社会保障局', '民政局', '文化和旅游局',
  '工业和信息化局', '应急管理局', '投资促进局', '行政审批局',
];
const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤';
const GIVEN_CHARS = '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉萍红建国文辉鹏飞斌宇浩凯健俊帆帅旭宁琳雪梅晨阳林波海峰志新春荣德明华庆丰永德';
const POSITIONS = [
  '科员', '副科长', '科长', '副主任', '主任', '副镇长', '镇长', '副局长', '局长', '党委委员', '站长', '所长',
  '街道办事处副主任', '社区党委书记', '财政所所长', '经济发展办主任', '城建办主任', '招商办主任',
];
const INDUSTRIES = [
  '建筑工程', '市政工程', '建设发展', '物业管理', '环境科技', '园林绿化', '信息技术', '劳务', '装饰工程', '置业',
  '机械制造', '新材料科技', '电子科技', '农业开发', '商贸', '交通设施', '水利工程', '照明工程',
];
const PROJECT_TYPES = [
  '老旧小区改造', '道路修缮', '农贸市场升级', '污水管网', '河道整治', '安置房建设', '学校扩建', '综合文化站',
  '社区服务中心', '美丽乡村建设', '垃圾分类设施', '产业园区基础设施', '防汛排涝', '路灯亮化', '公共厕所改造',
  '背街小巷整治', '智慧社区', '雨污分流', '菜场改造', '停车场建设',
];
const SERVICES = ['就业', '物业', '就学', '养老', '助残', '医保', '住房', '出行', '停车', '便民服务', '政务服务'];
const PROMISES = ['财政奖补', '税费优惠', '土地供应', '基础设施配套', '融资支持', '人才政策', '厂房租金减免', '设备购置补贴'];
const VIOLATIONS = ['违规占用耕地', '未批先建', '违规处置国有资产', '擅自改变资金用途', '违规设置招标条件', '未依法履行环评手续'];
const ACTS = ['指定中标单位', '拆分项目规避招标', '虚增工程量', '超标准支付费用', '违规签订补充协议'];
const STATS = ['规模以上工业产值', '固定资产投资', '招商引资到位资金', '社会消费品零售总额', '新增就业人数'];

const SITUATION_WEIGHTS: Array<[Situation, number]> = [
  ['拖欠企业账款', 25], ['司法判决', 20], ['未守信践诺', 15], ['行政处罚', 10], ['问责处理', 8], ['纪律处分', 7],
  ['新官不理旧账', 8], ['统计造假', 3], ['其他', 4],
];
const SECTOR_WEIGHTS: Array<[Sector, number]> = [
  ['乡镇街道', 30], ['招商引资', 18], ['政府采购', 14], ['招标投标', 12], ['政府和社会资本合作', 8], ['地方政府债务', 8],
  ['统计', 4], ['其他', 6],
];
const SEVERITY_WEIGHTS: Array<[Severity, number]> = [['一般', 55], ['较重', 30], ['严重', 15]];
/** Statuses of records that have their deciding document (those without one are still being verified). */
const STATUS_WEIGHTS: Array<[RecordStatus, number]> = [
  ['verifying', 12], ['unfounded', 5], ['recognised', 28], ['rectifying', 17], ['rectified', 15], ['repaired', 10],
  ['exempted', 4], ['objection', 5], ['revoked', 4],
];

// ---------------------------------------------------------------------------------------------------
// Subjects

/** The seed of the bench ledger's generated records; other parts derive theirs from it (BENCH_SEED + n). */
export const BENCH_SEED = 20_261_123;

export interface Unit {
  name: string;
  uscc: string;
  city: string;
  district: string;
  regionCode: string;
}

export interface Person {
  name: string;
  idNumber: string;
  position: string;
  unit: Unit;
}

function twoChars(rng: Rng): string {
  let s = rng.chars(PLACE_CHARS, 2);
  while (s.charAt(0) === s.charAt(1)) s = rng.chars(PLACE_CHARS, 2);
  return s;
}

function uscc(rng: Rng, regionCode: string, kind: '11' | '12' | '13'): string {
  const orgCode = rng.chars('0123456789', 1) + rng.chars(USCC_CHARSET, 7) + rng.chars('0123456789X', 1).replace('X', '8');
  const first17 = `${kind}${regionCode}${orgCode}`;
  return first17 + computeUsccCheckChar(first17);
}

function makeUnit(rng: Rng): Unit {
  const city = rng.pick(CITIES);
  const district = twoChars(rng);
  const regionCode = `${REGION_PREFIX[PROVINCE_OF_CITY[city]]}${String(rng.int(1, 13)).padStart(2, '0')}${String(rng.int(1, 30)).padStart(2, '0')}`;
  const place = twoChars(rng);
  const form = rng.weighted<number>([[0, 30], [1, 22], [2, 8], [3, 18], [4, 6], [5, 6], [6, 5], [7, 5]]);
  let name: string;
  let kind: '11' | '12' | '13' = '11';
  switch (form) {
    case 0: name = `${city}市${district}区${place}街道办事处`; break;
    case 1: name = `${city}市${district}区${place}镇人民政府`; break;
    case 2: name = `${place}镇人民政府`; break;
    case 3: name = `${city}市${district}区${rng.pick(BUREAUS)}`; break;
    case 4: name = `${city}市${rng.pick(BUREAUS)}`; break;
    case 5: name = `${city}市${district}区${place}街道${twoChars(rng)}社区居民委员会`; kind = '13'; break;
    case 6: name = `${city}市${district}区人民政府`; break;
    default: name = `${city}${district}经济开发区管理委员会`; kind = '12'; break;
  }
  return { name, uscc: uscc(rng, regionCode, kind), city, district, regionCode };
}

function isoFromDay(day: number): string {
  return new Date(day * 86_400_000).toISOString().slice(0, 10);
}
const dayOf = (iso: string) => Math.floor(Date.parse(`${iso}T00:00:00Z`) / 86_400_000);

function makePerson(rng: Rng, unit: Unit): Person {
  const given = rng.chance(0.35) ? rng.chars(GIVEN_CHARS, 1) : rng.chars(GIVEN_CHARS, 2);
  const birth = isoFromDay(rng.int(dayOf('1962-01-01'), dayOf('1998-12-31'))).replace(/-/g, '');
  const first17 = `${unit.regionCode}${birth}${String(rng.int(1, 999)).padStart(3, '0')}`;
  return { name: rng.pick(Array.from(SURNAMES)) + given, idNumber: first17 + computeIdCheckChar(first17), position: rng.pick(POSITIONS), unit };
}

// ---------------------------------------------------------------------------------------------------
// Text

function money(rng: Rng): string {
  return rng.chance(0.7) ? `${rng.int(3, 4800)}万元` : `${rng.int(12_000, 9_999_999).toLocaleString('en-US')}元`;
}

function company(rng: Rng, unit: Unit): string {
  return `${unit.city}${twoChars(rng)}${rng.pick(INDUSTRIES)}有限公司`;
}

function project(rng: Rng, unit: Unit): string {
  return `${rng.chance(0.5) ? unit.district : twoChars(rng)}${rng.pick(PROJECT_TYPES)}${rng.pick(['工程', '项目', '工程项目'])}`;
}

function bodyClause(rng: Rng, situation: Situation, unit: Unit, year: number): string {
  const c = () => company(rng, unit);
  const p = () => project(rng, unit);
  switch (situation) {
    case '拖欠企业账款':
      return rng.pick([
        () => `该单位在${p()}中拖欠${c()}工程款${money(rng)}`,
        () => `街道在${p()}竣工验收后拖欠施工单位进度款${money(rng)}`,
        () => `拖欠${c()}货款及服务费${money(rng)}，经多次催告仍未支付`,
        () => `以财政资金紧张为由长期拖欠${c()}账款${money(rng)}`,
        () => `镇政府拖欠${c()}${rng.pick(PROJECT_TYPES)}工程尾款${money(rng)}`,
      ])();
    case '司法判决':
      return rng.pick([
        () => `行政诉讼败诉后未履行生效判决，拒不支付${c()}征收补偿款${money(rng)}`,
        () => `因${p()}合同纠纷被${c()}起诉，法院判决后拒不履行付款义务`,
        () => `被人民法院列为失信被执行人，涉及执行标的${money(rng)}`,
        () => `行政诉讼败诉后未履行法院判决确定的${rng.pick(['补偿', '赔偿', '返还'])}义务`,
      ])();
    case '未守信践诺':
      return rng.pick([
        () => `未按约定兑现招商引资奖补资金${money(rng)}`,
        () => `对外公开承诺的${rng.pick(SERVICES)}服务事项未按期兑现`,
        () => `未履行与${c()}签订的投资协议中关于${rng.pick(PROMISES)}的约定`,
        () => `${year}年公开承诺的${rng.pick(SERVICES)}服务时限未兑现，群众多次投诉`,
      ])();
    case '行政处罚':
      return `因${rng.pick(VIOLATIONS)}被${unit.city}市${rng.pick(BUREAUS)}处以罚款${money(rng)}`;
    case '纪律处分':
      return `在${p()}中${rng.pick(ACTS)}，相关责任人受到党纪政务处分`;
    case '问责处理':
      return `在${p()}推进中不作为、慢作为，造成${rng.pick(['工期延误', '资金闲置', '企业停工', '群众集体上访'])}，被问责`;
    case '新官不理旧账':
      return rng.pick([
        () => `新任领导班子以前任签订协议未经集体决策为由拒不履行，涉及${c()}${rng.pick(PROMISES)}${money(rng)}`,
        () => `主要负责人调整后对前任承诺的${rng.pick(PROMISES)}不予认账`,
      ])();
    case '统计造假':
      return `在${year}年统计报表中虚报${rng.pick(STATS)}数据，虚增${money(rng)}`;
    default:
      return rng.pick([
        () => `未按规定公开${rng.pick(SERVICES)}领域政务信息`,
        () => `在${p()}中违反合同约定单方变更${rng.pick(['付款节点', '工程范围', '结算方式'])}`,
      ])();
  }
}

const FOLLOW_UPS: Array<(rng: Rng, year: number) => string> = [
  () => '企业多次通过12345热线反映',
  () => '经营商环境监测发现',
  () => '造成不良社会影响',
  () => '严重损害政府公信力',
  () => '经约谈后仍未整改到位',
  (rng, year) => `截至${year + 1}年底尚有${money(rng)}未支付`,
  (rng) => `涉及农民工工资${money(rng)}`,
  () => '街道办事处已作出书面说明',
  () => '镇政府承诺分期支付但未按计划落实',
  () => '民营企业沟通机制会议上企业再次提出诉求',
  () => '上级督查组现场核查属实',
  (rng) => `拖欠时间超过${rng.int(6, 48)}个月`,
  () => '相关负责人已被约谈',
  () => '已纳入政务失信专项治理台账',
];

function facts(rng: Rng, situation: Situation, unit: Unit, year: number): string {
  const opener = rng.pick([`${year}年${rng.int(1, 12)}月，`, '经查，', `根据${rng.pick(CLUE_SOURCES)}反映，`, `${year}年以来，`, '']);
  let text = opener + bodyClause(rng, situation, unit, year);
  const wanted = rng.int(40, 200);
  const order = FOLLOW_UPS.map((f) => [rng.next(), f] as const).sort((a, b) => a[0] - b[0]);
  for (const [, followUp] of order) {
    if (text.length >= wanted) break;
    const clause = (rng.chance(0.25) ? '。' : '，') + followUp(rng, year);
    if (text.length + clause.length > 199) continue;
    text += clause;
  }
  if (text.length > 199) text = text.slice(0, 199);
  return `${text}。`;
}

interface Doc {
  docName: string;
  docNumber: string;
  docAuthority: string;
}

function doc(rng: Rng, situation: Situation, unit: Unit, year: number): Doc {
  const prov = PROVINCE_OF_CITY[unit.city];
  const court = `${String(rng.int(1, 13)).padStart(2, '0')}${String(rng.int(1, 30)).padStart(2, '0')}`;
  const n = rng.int(1, 9999);
  switch (situation) {
    case '司法判决':
    case '拖欠企业账款':
    case '新官不理旧账': {
      const kind = rng.weighted<[string, string, boolean]>([
        [['行初', '行政判决书', false], 30], [['行终', '行政判决书', true], 10], [['民初', '民事判决书', false], 30],
        [['民终', '民事判决书', true], 10], [['执', '执行裁定书', false], 15], [['执恢', '执行裁定书', false], 5],
      ]);
      const intermediate = kind[2];
      const code = intermediate ? court.slice(0, 2) : court;
      return {
        docName: kind[1],
        docNumber: `(${year})${prov}${code}${kind[0]}${n}号`,
        docAuthority: intermediate ? `${unit.city}市中级人民法院` : `${unit.city}市${unit.district}区人民法院`,
      };
    }
    case '行政处罚':
      return { docName: '行政处罚决定书', docNumber: `${unit.district}${rng.pick(['财', '市监', '自然资', '住建'])}罚〔${year}〕${n % 300}号`, docAuthority: `${unit.city}市${rng.pick(BUREAUS)}` };
    case '纪律处分':
      return { docName: '党纪政务处分决定书', docNumber: `${unit.district}纪处〔${year}〕${n % 120}号`, docAuthority: `${unit.city}市${unit.district}区纪委监委` };
    case '问责处理':
      return { docName: '问责决定书', docNumber: `${unit.district}委办〔${year}〕${n % 200}号`, docAuthority: `中共${unit.city}市${unit.district}区委办公室` };
    case '统计造假':
      return { docName: '统计违法行为处理决定书', docNumber: `${unit.city.slice(0, 1)}统法〔${year}〕${n % 80}号`, docAuthority: `${unit.city}市统计局` };
    default:
      return { docName: '督查通报', docNumber: `${unit.district}督〔${year}〕${n % 150}号`, docAuthority: `${unit.city}市${unit.district}区人民政府办公室` };
  }
}

// ---------------------------------------------------------------------------------------------------
// Records

export interface GeneratedRecord {
  fields: RecordFields;
  /** The life-cycle status the bench gives the record after inserting it. */
  status: RecordStatus;
  /** When it was entered (its created_at / updated_at). */
  at: string;
}

const HAPPENED_FROM = dayOf('2018-01-01');
const HAPPENED_TO = dayOf('2025-12-31');
const LATEST = dayOf('2026-06-30');

/** A generator of records over a fixed pool of units and persons (units repeat, as in a real ledger). */
export class RecordGenerator {
  private readonly rng: Rng;
  private readonly units: Unit[];
  private readonly persons: Person[];

  constructor(seed: number, units = 4000, persons = 3000) {
    const pool = new Rng(0x5eed);
    this.units = Array.from({ length: units }, () => makeUnit(pool));
    this.persons = Array.from({ length: persons }, () => makePerson(pool, pool.pick(this.units)));
    this.rng = new Rng(seed);
  }

  next(): GeneratedRecord {
    const rng = this.rng;
    const isPerson = rng.chance(0.2);
    const person = isPerson ? rng.pick(this.persons) : null;
    const unit = person ? person.unit : rng.pick(this.units);
    const situation = rng.weighted(SITUATION_WEIGHTS);
    const happened = rng.int(HAPPENED_FROM, HAPPENED_TO);
    const year = Number(isoFromDay(happened).slice(0, 4));
    const hasDoc = rng.chance(0.85);
    const recognised = hasDoc ? Math.min(LATEST, happened + rng.int(10, 400)) : null;
    const d = hasDoc ? doc(rng, situation, unit, Math.min(Number(isoFromDay(recognised!).slice(0, 4)), 2026)) : null;
    const amountFen = rng.chance(0.6) ? rng.int(1_000, 50_000_000) * (rng.chance(0.7) ? 100 : 1) : null;
    const fields: RecordFields = {
      subjectType: person ? 'person' : 'unit',
      unitName: unit.name,
      unitUscc: person ? (rng.chance(0.5) ? unit.uscc : null) : unit.uscc,
      personName: person?.name ?? null,
      personIdNumber: person?.idNumber ?? null,
      personPosition: person?.position ?? null,
      situation,
      sector: rng.weighted(SECTOR_WEIGHTS),
      clueSource: rng.pick(CLUE_SOURCES),
      facts: facts(rng, situation, unit, year),
      docName: d?.docName ?? null,
      docNumber: d?.docNumber ?? null,
      recognisedOn: recognised === null ? null : isoFromDay(recognised),
      docAuthority: d?.docAuthority ?? null,
      amountFen,
      happenedOn: isoFromDay(happened),
      severity: rng.weighted(SEVERITY_WEIGHTS),
    };
    const status: RecordStatus = hasDoc ? rng.weighted(STATUS_WEIGHTS) : 'verifying';
    const enteredDay = Math.min(LATEST + 120, (recognised ?? happened) + rng.int(0, 90));
    const at = new Date(enteredDay * 86_400_000 + rng.int(8 * 3600, 18 * 3600) * 1000 + rng.int(0, 999)).toISOString();
    return { fields, status, at };
  }

  /** A unit name and a person name from the pools (for search terms that certainly exist). */
  sampleUnit(): Unit {
    return this.rng.pick(this.units);
  }
}

// ---------------------------------------------------------------------------------------------------
// Import template cells

const H = RECORD_FIELD_LABELS;

/**
 * A record as the cells of the 政务失信记录 import template (Chinese header → value), written the way
 * offices' spreadsheets write them: dates as text in several styles or as Excel dates, amounts in 元 as
 * numbers or with thousands separators. Blank cells are left out.
 */
export function toTemplateCells(f: RecordFields, rng: Rng): Record<string, unknown> {
  const cells: Record<string, unknown> = {};
  const put = (header: string, value: unknown) => {
    if (value !== null && value !== undefined && value !== '') cells[header] = value;
  };
  const date = (iso: string | null) => {
    if (!iso) return null;
    const [y, m, d] = iso.split('-').map(Number);
    return rng.weighted<() => unknown>([
      [() => iso, 70],
      [() => new Date(Date.UTC(y, m - 1, d)), 10],
      [() => `${y}/${m}/${d}`, 10],
      [() => `${y}年${m}月${d}日`, 10],
    ])();
  };
  put(H.subjectType, f.subjectType === 'unit' ? '单位' : '个人');
  put(H.unitName, f.unitName);
  put(H.unitUscc, f.unitUscc);
  put(H.personName, f.personName);
  put(H.personIdNumber, f.personIdNumber);
  put(H.personPosition, f.personPosition);
  put(H.situation, f.situation);
  put(H.sector, f.sector);
  put(H.clueSource, f.clueSource);
  put(H.facts, f.facts);
  put(H.docName, f.docName);
  put(H.docNumber, f.docNumber);
  put(H.recognisedOn, date(f.recognisedOn));
  put(H.docAuthority, f.docAuthority);
  if (f.amountFen !== null) {
    const yuan = f.amountFen / 100;
    put(H.amountFen, rng.chance(0.8) ? yuan : yuan.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 }));
  }
  put(H.happenedOn, date(f.happenedOn));
  put(H.severity, f.severity);
  return cells;
}
