// Plans one generated organisation in a fresh process, so the peak memory it reports belongs to that size alone.
import { checkPlan, planRotations } from '../../src/planner';
import { generateOrganisation, type OrganisationSize } from './generate-organisation';

export interface PlanMeasurement {
  employees: number;
  planningMs: number;
  planningCpuMs: number; // user + system time of the process (GC threads included); the machine may be shared
  organisationRssMb: number; // resident memory once the organisation is generated, before planning
  peakRssMb: number; // the process's high-water mark, planning included
  due: number;
  onTime: number;
  late: number;
  unplaced: Record<string, number>;
  checkingMs: number;
  violations: number;
}

function measure(size: OrganisationSize): PlanMeasurement {
  const input = generateOrganisation(size);
  const organisationRssMb = process.memoryUsage().rss / 2 ** 20;
  const cpuBefore = process.cpuUsage();
  const started = process.hrtime.bigint();
  const plan = planRotations(input);
  const planningMs = Number(process.hrtime.bigint() - started) / 1e6;
  const cpu = process.cpuUsage(cpuBefore);
  // maxRSS is the high-water mark, so it catches the planner's peak although planning runs in one synchronous call.
  const peakRssMb = process.resourceUsage().maxRSS / 1024;
  const checkStarted = process.hrtime.bigint();
  const violations = checkPlan(input, [...input.fixed, ...plan.assignments]);
  const checkingMs = Number(process.hrtime.bigint() - checkStarted) / 1e6;
  const unplaced = Object.fromEntries(Object.entries(plan.figures.unplacedByReason).filter(([, count]) => count > 0));
  return {
    employees: size.employees,
    planningMs,
    planningCpuMs: (cpu.user + cpu.system) / 1000,
    organisationRssMb,
    peakRssMb,
    due: plan.figures.peopleDue,
    onTime: plan.figures.placedOnTime,
    late: plan.figures.placedLate,
    unplaced,
    checkingMs,
    violations: violations.length,
  };
}

const size = JSON.parse(process.argv[2]) as OrganisationSize;
process.send!(measure(size));
