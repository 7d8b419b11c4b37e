/**
 * The invented world idbridge's sample HR data comes from: one company ("Harbor & Vine") with a few
 * legal entities, sites and departments. Names are common given names and surnames mixed across
 * languages on purpose: apostrophes, hyphens, accents and particles are what break naive code.
 */

/** The columns of Microsoft's sample HR export (csv-with-1000-records.csv), in its order. */
export const HR_CSV_COLUMNS = [
  'WorkerID', 'WorkerStatus', 'WorkerType', 'UserID', 'FirstName', 'LastName', 'FullName', 'GenderPronoun',
  'ManagerID', 'HireDate', 'OnLeave', 'Department', 'Division', 'CostCenter', 'Company', 'Location',
  'JobTitle', 'StreetAddress', 'City', 'CountryCode', 'OfficePhone', 'Custom01', 'Custom02', 'ZipCode',
] as const;

export type HrCsvColumn = (typeof HR_CSV_COLUMNS)[number];

export const FIRST_NAMES = [
  'Amelia', 'Noah', 'Olivia', 'Liam', 'Sofia', 'Mateo', 'Emma', 'Lucas', 'Chloé', 'Hugo', 'Zoë', 'Jonas',
  'Lena', 'Felix', 'Priya', 'Arjun', 'Ananya', 'Rohan', 'Wei', 'Mei', 'Hiroshi', 'Yuki', 'Aisha', 'Omar',
  'Fatima', 'Kwame', 'Ngozi', 'Siobhán', 'Ciarán', 'José', 'María', 'Diego', 'Lars', 'Ingrid', 'Mikael',
  'Anna-Lena', 'Grace', 'Daniel', 'Sarah', 'James', 'Leila', 'Tomasz', 'Agnieszka', 'Dmitri', 'Elena',
] as const;

export const LAST_NAMES = [
  'Smith', 'Johnson', 'Brown', 'Taylor', 'Wilson', "O'Brien", "O'Neill", 'Murphy', 'Müller', 'Schmidt',
  'Schneider', 'Fischer', 'Dubois', 'Lefèvre', 'Moreau', 'García', 'Martínez', 'López', 'Rossi', 'Bianchi',
  'van der Berg', 'de Vries', 'Jansen', 'Nguyen', 'Tran', 'Kim', 'Park', 'Chen', 'Wang', 'Li', 'Sato',
  'Tanaka', 'Patel', 'Sharma', 'Iyer', 'Reddy', 'Okafor', 'Mensah', 'Haddad', 'Nowak', 'Kowalski',
  'Ivanova', 'Andersson', 'Lindqvist', 'Smith-Jones', 'MacDonald',
] as const;

export interface Department {
  name: string;
  division: string;
  costCenter: string;
  jobCode: string;
  titles: readonly string[];
}

export const DEPARTMENTS: readonly Department[] = [
  { name: 'Sales', division: 'Commercial', costCenter: 'CC4100', jobCode: 'S', titles: ['Account Executive', 'Senior Account Executive', 'Sales Operations Analyst'] },
  { name: 'Marketing', division: 'Commercial', costCenter: 'CC4200', jobCode: 'M', titles: ['Marketing Specialist', 'Content Strategist', 'Product Marketing Manager'] },
  { name: 'Engineering', division: 'Technology', costCenter: 'CC5100', jobCode: 'E', titles: ['Software Engineer', 'Senior Software Engineer', 'QA Engineer', 'Site Reliability Engineer'] },
  { name: 'IT', division: 'Technology', costCenter: 'CC5200', jobCode: 'T', titles: ['Service Desk Analyst', 'Systems Administrator', 'Network Engineer'] },
  { name: 'Finance', division: 'Corporate', costCenter: 'CC1100', jobCode: 'F', titles: ['Accountant', 'Financial Analyst', 'Payroll Specialist'] },
  { name: 'Human Resources', division: 'Corporate', costCenter: 'CC1200', jobCode: 'H', titles: ['HR Generalist', 'Recruiter', 'HR Business Partner'] },
  { name: 'Operations', division: 'Operations', costCenter: 'CC6100', jobCode: 'O', titles: ['Operations Coordinator', 'Logistics Planner', 'Warehouse Associate'] },
  { name: 'Customer Support', division: 'Operations', costCenter: 'CC6200', jobCode: 'C', titles: ['Support Specialist', 'Senior Support Specialist'] },
];

export interface Site {
  location: string;
  city: string;
  /** ISO 3166-1 alpha-2. */
  country: string;
  /** How HR systems actually write this country, with weights: "UK" for GB is the classic. */
  countrySpellings: readonly (readonly [string, number])[];
  company: string;
  streets: readonly string[];
  postalCode: (random: () => number) => string;
  phone: (random: () => number) => string;
  /** Share of the workforce at this site. */
  weight: number;
}

const digits = (random: () => number, n: number): string => Array.from({ length: n }, () => Math.floor(random() * 10)).join('');
const letter = (random: () => number): string => 'ABDEFGHJLNPQRSTUWXYZ'[Math.floor(random() * 20)] ?? 'A';

export const SITES: readonly Site[] = [
  {
    location: 'Chicago HQ', city: 'Chicago', country: 'US', countrySpellings: [['US', 95], ['USA', 5]], company: 'Harbor & Vine Inc.',
    streets: ['233 S Wacker Dr', '1 Harbor Plaza, Suite 1200'], postalCode: (r) => `606${digits(r, 2)}`, phone: (r) => `312-555-01${digits(r, 2)}`, weight: 30,
  },
  {
    location: 'Austin Office', city: 'Austin', country: 'US', countrySpellings: [['US', 95], ['USA', 5]], company: 'Harbor & Vine Inc.',
    streets: ['500 Congress Ave'], postalCode: (r) => `787${digits(r, 2)}`, phone: (r) => `(512) 555-01${digits(r, 2)}`, weight: 12,
  },
  {
    location: 'Toronto Office', city: 'Toronto', country: 'CA', countrySpellings: [['CA', 100]], company: 'Harbor & Vine Canada Ltd.',
    streets: ['100 King St W'], postalCode: (r) => `M5${letter(r)} ${digits(r, 1)}${letter(r)}${digits(r, 1)}`, phone: (r) => `416-555-01${digits(r, 2)}`, weight: 8,
  },
  {
    location: 'London Office', city: 'London', country: 'GB', countrySpellings: [['UK', 80], ['GB', 15], ['United Kingdom', 5]], company: 'Harbor & Vine Ltd',
    streets: ['1 Finsbury Ave', '30 St Mary Axe'], postalCode: (r) => `EC2${letter(r)} ${digits(r, 1)}${letter(r)}${letter(r)}`, phone: (r) => `+44 20 7946 0${digits(r, 3)}`, weight: 15,
  },
  {
    location: 'Berlin Office', city: 'Berlin', country: 'DE', countrySpellings: [['DE', 97], ['de', 3]], company: 'Harbor & Vine GmbH',
    streets: ['Friedrichstraße 68', 'Alexanderplatz 1'], postalCode: (r) => `10${digits(r, 3)}`, phone: (r) => `+49 30 ${digits(r, 7)}`, weight: 12,
  },
  {
    location: 'Paris Office', city: 'Paris', country: 'FR', countrySpellings: [['FR', 100]], company: 'Harbor & Vine SAS',
    streets: ['12 Rue de la Paix', '45 Avenue de l\'Opéra'], postalCode: (r) => `750${digits(r, 2)}`, phone: (r) => `+33 1 ${digits(r, 2)} ${digits(r, 2)} ${digits(r, 2)} ${digits(r, 2)}`, weight: 8,
  },
  {
    location: 'Pune Office', city: 'Pune', country: 'IN', countrySpellings: [['IN', 100]], company: 'Harbor & Vine India Pvt Ltd',
    streets: ['Tower B, Magarpatta City', 'Hinjawadi Phase 1'], postalCode: (r) => `411${digits(r, 3)}`, phone: (r) => `+91 20 ${digits(r, 4)} ${digits(r, 4)}`, weight: 15,
  },
];

export const EMAIL_DOMAIN = 'harborvine.example';
