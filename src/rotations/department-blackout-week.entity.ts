import { Column, Entity, PrimaryColumn } from 'typeorm';

/** An ISO week in which nobody from the department is placed on rotation (e.g. Finance at quarter close). */
@Entity('department_blackout_weeks')
export class DepartmentBlackoutWeek {
  @PrimaryColumn({ name: 'department_id', type: 'uuid' })
  departmentId: string;

  /** e.g. '2027-W13' */
  @PrimaryColumn({ type: 'text' })
  week: string;

  @Column({ type: 'text', nullable: true })
  note: string | null;
}
