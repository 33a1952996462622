import { DEMO_USERS } from './seed/people';

interface BannerInfo {
  port: number;
  admin?: { username: string; password: string; generated: boolean };
  seeded: boolean;
}

/** What someone trying the demo needs on one screen: URLs, sign-ins and how to enroll a tablet. */
export function printBanner({ port, admin, seeded }: BannerInfo): void {
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
  if (seeded) {
    lines.push('', '  demo badges and PINs (tablet sign-in):');
    // Office roles sign in on the console with a password; only floor people sign in on a tablet.
    const floor = DEMO_USERS.filter((u) => u.role === 'operator' || u.role === 'lead');
    for (const u of floor) lines.push(`    ${u.badge}  PIN ${u.pin}  ${u.role.padEnd(9)} ${u.name}  (${u.stationIds.join(', ')})`);
  }
  lines.push(
    '',
    '  enroll a tablet: sign in to the console → Devices → New device, then type the code on the tablet,',
    `  or: curl -c jar -H 'content-type: application/json' -d '{"username":"coordinator","password":"…"}' ${base}/api/session`,
    `      curl -b jar -H 'content-type: application/json' -d '{"name":"Mill tablet","stationIds":["st-mill-1"]}' ${base}/api/devices`,
    '',
  );
  console.log(lines.join('\n'));
}
