import type { SeedOutcome } from './seed/demo-switch';
import { DEMO_USERS } from './seed/people';

interface BannerInfo {
  port: number;
  admin?: { username: string; password: string; generated: boolean };
  seed: SeedOutcome;
  databaseFile: string;
}

/** What someone trying the demo needs on one screen: URLs, sign-ins and how to enroll a tablet. */
export function printBanner({ port, admin, seed, databaseFile }: BannerInfo): void {
  const base = `http://localhost:${port}`;
  const lines = [
    '',
    `Floorboard is running`,
    `  app (tablet)          ${base}/`,
    `  coordinator console   ${base}/console`,
    `  health                ${base}/api/health`,
  ];
  if (admin) {
    lines.push('', `  console sign-in: ${admin.username} / ${admin.password}${admin.generated ? '   (generated; shown only now)' : ''}`);
  } else {
    lines.push('', '  console sign-in: coordinator / (FLOORBOARD_ADMIN_PASSWORD or the password printed on first start)');
  }
  if (seed.kind === 'refused') {
    lines.push(
      '',
      `  FLOORBOARD_SEED=demo: not loading the demo plant: this database already holds a plant`,
      `  (${seed.records} records in ${databaseFile}). Nothing in it was changed; it is served as it is.`,
      '  For a fresh demo, point DATA_DIR at an empty directory.',
    );
  } else if (seed.kind === 'none') {
    lines.push('', '  no demo plant: `npm run demo` (FLOORBOARD_SEED=demo) loads one into an empty database.');
  }
  if (seed.kind === 'seeded') {
    const s = seed.summary;
    lines.push('', `  loaded the demo plant into the empty database: ${s.workOrders} work orders, ${s.operations} operations.`);
    lines.push('  Its PINs are published below: a demo, not a plant.', '', '  demo badges and PINs (tablet sign-in):');
    // Office roles sign in on the console with a password; only floor people sign in on a tablet.
    const floor = DEMO_USERS.filter((u) => u.role === 'operator' || u.role === 'lead');
    for (const u of floor) lines.push(`    ${u.badge}  PIN ${u.pin}  ${u.role.padEnd(9)} ${u.name}  (${u.stationIds.join(', ')})`);
  }
  lines.push(
    '',
    '  enroll a tablet: sign in to the console → Devices → New device, then type the code on the tablet,',
    `  or: curl -c jar -H 'content-type: application/json' -d '{"username":"coordinator","password":"…"}' ${base}/api/session`,
    `      curl -b jar -H 'content-type: application/json' -d '{"name":"Mill tablet","stationIds":["st-mill-1"]}' ${base}/api/devices`,
    '  office users (planner, quality …): console → Users, or npm run users -- add <username> --name "…" --role planner',
    '',
  );
  console.log(lines.join('\n'));
}
