import type { SeedRecord } from './write';

/** Three departments and eight work centers of a contract manufacturer. */
export const DEPARTMENTS = [
  { id: 'dep-machining', name: 'Machining' },
  { id: 'dep-fabrication', name: 'Fabrication & Welding' },
  { id: 'dep-assembly', name: 'Assembly & Test' },
] as const;

export const STATIONS = [
  { id: 'st-mill-1', name: 'Haas VF-4 CNC Mill', departmentId: 'dep-machining', line: 'Cell A' },
  { id: 'st-lathe-1', name: 'Okuma LB3000 CNC Lathe', departmentId: 'dep-machining', line: 'Cell A' },
  { id: 'st-5axis-1', name: 'DMG Mori 5-Axis Mill', departmentId: 'dep-machining', line: 'Cell B' },
  { id: 'st-laser-1', name: 'Trumpf 3030 Laser Cutter', departmentId: 'dep-fabrication', line: 'Sheet Metal' },
  { id: 'st-brake-1', name: 'Amada HG Press Brake', departmentId: 'dep-fabrication', line: 'Sheet Metal' },
  { id: 'st-weld-1', name: 'Fanuc Robotic MIG Weld Cell', departmentId: 'dep-fabrication', line: 'Welding' },
  { id: 'st-assembly-1', name: 'Final Assembly Line 1', departmentId: 'dep-assembly', line: 'Line 1' },
  { id: 'st-test-1', name: 'Functional Test Bench', departmentId: 'dep-assembly', line: 'Line 1' },
] as const;

export type StationId = (typeof STATIONS)[number]['id'];

/** The night shift ends before it starts: it crosses midnight. */
export const SHIFTS = [
  { id: 'shift-day', name: 'Day', start: '06:00', end: '14:00', plannedBreakMinutes: 30 },
  { id: 'shift-swing', name: 'Swing', start: '14:00', end: '22:00', plannedBreakMinutes: 30 },
  { id: 'shift-night', name: 'Night', start: '22:00', end: '06:00', plannedBreakMinutes: 45 },
] as const;

export const REASON_CODES = [
  ['PM', 'downtime-planned', 'Preventive maintenance'],
  ['BREAK', 'downtime-planned', 'Scheduled break'],
  ['MEETING', 'downtime-planned', 'Shift meeting / training'],
  ['MECH', 'downtime-unplanned', 'Mechanical failure'],
  ['ELEC', 'downtime-unplanned', 'Electrical / controls fault'],
  ['NO-MAT', 'downtime-unplanned', 'Waiting for material'],
  ['NO-QA', 'downtime-unplanned', 'Waiting for inspection'],
  ['TOOL', 'downtime-unplanned', 'Tool breakage'],
  ['SETUP', 'changeover', 'Setup / changeover'],
  ['FAI', 'changeover', 'First-article inspection'],
  ['DIM', 'scrap', 'Dimension out of tolerance'],
  ['SURFACE', 'scrap', 'Surface finish defect'],
  ['WELD', 'scrap', 'Weld porosity / undercut'],
  ['MATERIAL', 'scrap', 'Material defect'],
  ['SETUP-SCRAP', 'scrap', 'Setup piece'],
  ['HANDLING', 'scrap', 'Handling damage'],
] as const;

/** Departments, stations, shifts and reason codes, as one group of seed records. */
export function plantRecords(): SeedRecord[] {
  return [
    ...DEPARTMENTS.map((d) => ({ entity: 'departments' as const, value: { ...d } })),
    ...STATIONS.map((s) => ({ entity: 'stations' as const, value: { ...s } })),
    ...SHIFTS.map((s) => ({ entity: 'shifts' as const, value: { ...s } })),
    ...REASON_CODES.map(([code, kind, label]) => ({
      entity: 'reasonCodes' as const,
      value: { id: `rc-${code.toLowerCase()}`, code, kind, label },
    })),
  ];
}
