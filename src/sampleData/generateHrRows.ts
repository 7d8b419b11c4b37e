import { DEPARTMENTS, EMAIL_DOMAIN, FIRST_NAMES, HR_CSV_COLUMNS, LAST_NAMES, SITES, type Department, type HrCsvColumn, type Site } from './hrSampleLists';
import { seededRandom, type SeededRandom } from './seededRandom';

export type HrRow = Record<HrCsvColumn, string>;

export interface GenerateHrRowsOptions {
  /** Rows in the file, repeated workers included. */
  count: number;
  seed: string;
}

export interface GeneratedHrRows {
  header: readonly HrCsvColumn[];
  rows: HrRow[];
  /** Distinct WorkerIDs. */
  workers: number;
}

/**
 * The faults of real HR exports, at rates in line with what integration teams report (a few percent
 * each), rather than the extremes of Microsoft's sample, where over a third of the rows are repeats.
 */
const RATES = {
  /** Rows that repeat an earlier worker with a change (transfer, termination, leave...). */
  repeatedRow: 0.08,
  /** Workers whose manager is not in the file (left the company, or outside the export's scope). */
  managerMissing: 0.03,
  /** Workers with no street address or postal code (remote, or never entered). */
  addressMissing: 0.08,
  phoneMissing: 0.12,
  pronounMissing: 0.06,
  badgeMissing: 0.3,
  inactive: 0.07,
  onLeave: 0.03,
  /** Workers who lead a team, so that the org has some depth. */
  teamLead: 0.12,
};

interface Worker {
  row: HrRow;
  department: Department;
  isManager: boolean;
}

/**
 * Invents an HR export: one company, a management tree (CEO, a director per department, team leads),
 * rows sorted by WorkerID as HR systems export them (so a manager is as likely to come after a report as
 * before), then repeated rows inserted after the worker's first row. The same seed gives the same file.
 */
export function generateHrRows({ count, seed }: GenerateHrRowsOptions): GeneratedHrRows {
  if (!Number.isInteger(count) || count < 1) throw new RangeError(`count must be a positive integer, got ${count}`);
  const random = seededRandom(seed);
  const repeats = count < 10 ? 0 : Math.round(count * RATES.repeatedRow);
  const workerCount = count - repeats;

  const ids = workerIds(random, workerCount);
  const usedIds = new Set(ids);
  const userIds = new Map<string, number>();
  const workers: Worker[] = [];
  const managers = new Map<Worker, Worker>();
  const leadsByDepartment = new Map<Department, Worker[]>();
  for (let i = 0; i < workerCount; i++) {
    const worker = newWorker(random, i, userIds);
    const manager = i === 0 ? undefined : chooseManager(random, worker, workers[0], leadsByDepartment);
    if (manager) managers.set(worker, manager);
    if (worker.isManager && i > 0) {
      const leads = leadsByDepartment.get(worker.department) ?? [];
      leads.push(worker);
      leadsByDepartment.set(worker.department, leads);
    }
    workers.push(worker);
  }
  // IDs are handed out at random, so that a manager's ID is not always lower than a report's.
  const shuffled = shuffle(random, ids);
  const idOf = new Map<Worker, string>(workers.map((w, i) => [w, shuffled[i] ?? '']));
  for (const worker of workers) {
    worker.row.WorkerID = idOf.get(worker) ?? '';
    const manager = managers.get(worker);
    worker.row.ManagerID = manager ? (idOf.get(manager) ?? '') : '';
    if (manager && random.chance(RATES.managerMissing)) worker.row.ManagerID = unusedId(random, usedIds);
  }
  workers.sort((a, b) => Number(a.row.WorkerID) - Number(b.row.WorkerID));

  const rows: HrRow[] = [];
  const emitted: Worker[] = [];
  let next = 0;
  for (let slot = 0; slot < count; slot++) {
    const repeatsLeft = count - slot - (workerCount - next);
    const repeat = emitted.length > 0 && repeatsLeft > 0 && (next >= workerCount || random.chance(repeatsLeft / (count - slot)));
    if (repeat) {
      const worker = random.pick(emitted);
      applyChange(random, worker, leadsByDepartment);
      rows.push({ ...worker.row });
    } else {
      const worker = workers[next++];
      if (!worker) break;
      emitted.push(worker);
      rows.push({ ...worker.row });
    }
  }
  return { header: HR_CSV_COLUMNS, rows, workers: workerCount };
}

function newWorker(random: SeededRandom, index: number, userIds: Map<string, number>): Worker {
  const department = index === 0 ? executive : index <= DEPARTMENTS.length ? (DEPARTMENTS[index - 1] ?? random.pick(DEPARTMENTS)) : random.pick(DEPARTMENTS);
  const site = index <= DEPARTMENTS.length ? SITES[0]! : weightedSite(random);
  const firstName = random.pick(FIRST_NAMES);
  const lastName = random.pick(LAST_NAMES);
  const isDirector = index > 0 && index <= DEPARTMENTS.length;
  const isManager = index === 0 || isDirector || random.chance(RATES.teamLead);
  const workerType = index === 0 || isManager ? 'Employee' : random.chance(0.8) ? 'Employee' : random.chance(0.75) ? 'Contractor' : 'Intern';
  const title =
    index === 0 ? 'Chief Executive Officer' : isDirector ? `Director, ${department.name}` : isManager ? `Manager, ${department.name}` : random.pick(department.titles);
  const row: HrRow = {
    WorkerID: '',
    WorkerStatus: index > DEPARTMENTS.length && random.chance(RATES.inactive) ? 'Inactive' : 'Active',
    WorkerType: workerType,
    UserID: uniqueUserId(firstName, lastName, userIds),
    FirstName: firstName,
    LastName: lastName,
    FullName: `${firstName} ${lastName}`,
    GenderPronoun: random.chance(RATES.pronounMissing) ? '' : weightedPick(random, PRONOUNS),
    ManagerID: '',
    HireDate: hireDate(random, workerType === 'Intern'),
    OnLeave: random.chance(RATES.onLeave) ? 'True' : 'False',
    Department: department.name,
    Division: department.division,
    CostCenter: department.costCenter,
    Company: site.company,
    Location: site.location,
    JobTitle: title,
    StreetAddress: '',
    City: '',
    CountryCode: '',
    OfficePhone: '',
    Custom01: jobCode(random, department),
    Custom02: random.chance(RATES.badgeMissing) ? '' : `B${random.int(10000, 99999)}`,
    ZipCode: '',
  };
  setSite(random, row, site);
  return { row, department, isManager };
}

const PRONOUNS = [['SHE/HER', 48], ['HE/HIM', 48], ['THEY/THEM', 4]] as const;

const executive: Department = { name: 'Executive', division: 'Corporate', costCenter: 'CC1000', jobCode: 'X', titles: ['Chief Executive Officer'] };

/** Directors report to the CEO; everyone else to a director or team lead of their department. */
function chooseManager(random: SeededRandom, worker: Worker, ceo: Worker | undefined, leads: ReadonlyMap<Department, readonly Worker[]>): Worker | undefined {
  if (worker.row.JobTitle.startsWith('Director,')) return ceo;
  const candidates = leads.get(worker.department) ?? [];
  return candidates.length > 0 ? random.pick(candidates) : ceo;
}

/** A later row for the same worker: what changes between two HR exports. */
function applyChange(random: SeededRandom, worker: Worker, leads: ReadonlyMap<Department, readonly Worker[]>): void {
  const row = worker.row;
  const roll = random.next();
  if (roll < 0.25) {
    const department = random.pick(DEPARTMENTS);
    worker.department = department;
    row.Department = department.name;
    row.Division = department.division;
    row.CostCenter = department.costCenter;
    row.Custom01 = jobCode(random, department);
    if (!worker.isManager) row.JobTitle = random.pick(department.titles);
    const candidates = (leads.get(department) ?? []).filter((w) => w !== worker);
    if (candidates.length > 0) row.ManagerID = random.pick(candidates).row.WorkerID;
  } else if (roll < 0.45) {
    // Terminated, or rehired if already gone.
    row.WorkerStatus = row.WorkerStatus === 'Active' ? 'Inactive' : 'Active';
    row.OnLeave = 'False';
  } else if (roll < 0.6) {
    row.OnLeave = row.OnLeave === 'True' ? 'False' : 'True';
  } else if (roll < 0.75) {
    row.JobTitle = worker.isManager ? row.JobTitle : random.pick(worker.department.titles);
    if (row.WorkerType !== 'Employee') row.WorkerType = 'Employee';
  } else if (roll < 0.85) {
    const site = weightedSite(random);
    row.Company = site.company;
    row.Location = site.location;
    setSite(random, row, site);
  } else if (roll < 0.9) {
    // A surname change; the login stays, as it does in most companies.
    row.LastName = random.pick(LAST_NAMES);
    row.FullName = `${row.FirstName} ${row.LastName}`;
  } else {
    row.OfficePhone = row.OfficePhone === '' ? phoneFor(random, row) : random.chance(0.5) ? '' : phoneFor(random, row);
  }
}

function setSite(random: SeededRandom, row: HrRow, site: Site): void {
  row.City = site.city;
  row.CountryCode = weightedPick(random, site.countrySpellings);
  const noAddress = random.chance(RATES.addressMissing);
  row.StreetAddress = noAddress ? '' : random.pick(site.streets);
  row.ZipCode = noAddress ? '' : site.postalCode(random.next);
  row.OfficePhone = random.chance(RATES.phoneMissing) ? '' : site.phone(random.next);
}

function phoneFor(random: SeededRandom, row: HrRow): string {
  const site = SITES.find((s) => s.location === row.Location) ?? SITES[0]!;
  return site.phone(random.next);
}

function weightedSite(random: SeededRandom): Site {
  return weightedPick(random, SITES.map((s) => [s, s.weight] as const));
}

function weightedPick<T>(random: SeededRandom, items: readonly (readonly [T, number])[]): T {
  const total = items.reduce((sum, [, weight]) => sum + weight, 0);
  let roll = random.next() * total;
  for (const [item, weight] of items) {
    roll -= weight;
    if (roll < 0) return item;
  }
  const last = items[items.length - 1];
  if (!last) throw new RangeError('weightedPick from an empty list');
  return last[0];
}

/** Six-digit IDs from 100000 with gaps, as HR systems leave them after deletions. */
function workerIds(random: SeededRandom, n: number): string[] {
  const ids: string[] = [];
  let id = 100000 + random.int(0, 99);
  for (let i = 0; i < n; i++) {
    ids.push(String(id));
    id += random.int(1, 6);
  }
  return ids;
}

/** An ID nobody in the file has: a manager who left, or sits outside the export. */
function unusedId(random: SeededRandom, used: ReadonlySet<string>): string {
  for (;;) {
    const id = String(random.int(90000, 99999));
    if (!used.has(id)) return id;
  }
}

function shuffle<T>(random: SeededRandom, items: readonly T[]): T[] {
  const result = [...items];
  for (let i = result.length - 1; i > 0; i--) {
    const j = random.int(0, i);
    [result[i], result[j]] = [result[j] as T, result[i] as T];
  }
  return result;
}

/** first.last@domain, accents and punctuation dropped, numbered when taken (the second Wei Chen is wei.chen2). */
function uniqueUserId(firstName: string, lastName: string, taken: Map<string, number>): string {
  const ascii = (s: string): string => s.normalize('NFD').replace(/[^A-Za-z]/g, '').toLowerCase();
  const base = `${ascii(firstName)}.${ascii(lastName)}`;
  // Bases hold no digits, so a numbered name can never equal another base.
  const seen = (taken.get(base) ?? 0) + 1;
  taken.set(base, seen);
  return `${base}${seen > 1 ? seen : ''}@${EMAIL_DOMAIN}`;
}

function hireDate(random: SeededRandom, intern: boolean): string {
  const year = intern ? random.int(2024, 2025) : random.int(2008, 2025);
  const month = random.int(1, 12);
  const day = random.int(1, 28);
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function jobCode(random: SeededRandom, department: Department): string {
  return `${department.jobCode}${random.int(1000, 1099)}`;
}
