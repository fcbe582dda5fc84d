import {
  Column,
  CreateDateColumn,
  Entity,
  JoinTable,
  ManyToMany,
  OneToMany,
  PrimaryGeneratedColumn,
  type Relation,
  UpdateDateColumn,
} from 'typeorm';
import { Department } from '../people/department.entity';
import { ProgrammeStage } from './programme-stage.entity';

export const programmeKinds = ['onboarding', 'recurring'] as const;
export type ProgrammeKind = (typeof programmeKinds)[number];

/** A rotation: onboarding for every new hire, or recurring for everyone. */
@Entity('programmes')
export class Programme {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** Unique regardless of case. */
  @Column({ type: 'text' })
  name: string;

  @Column({ type: 'text' })
  kind: ProgrammeKind;

  @Column({ name: 'length_weeks', type: 'integer' })
  lengthWeeks: number;

  @Column({ name: 'expected_hours_per_week', type: 'integer' })
  expectedHoursPerWeek: number;

  @OneToMany(() => ProgrammeStage, (stage) => stage.programme)
  stages: Relation<ProgrammeStage>[];

  /** Empty: the programme applies to every department. */
  @ManyToMany(() => Department)
  @JoinTable({ name: 'programme_departments', joinColumn: { name: 'programme_id' }, inverseJoinColumn: { name: 'department_id' } })
  departments: Relation<Department>[];

  /** Onboarding only: weeks after the hire date by which the rotation must start. */
  @Column({ name: 'start_within_weeks', type: 'integer', nullable: true })
  startWithinWeeks: number | null;

  /** Onboarding only: people hired before this date are not onboarded by this programme; null = everyone. */
  @Column({ name: 'applies_to_hires_from', type: 'date', nullable: true })
  appliesToHiresFrom: string | null;

  /** Recurring only: months from the end of the last rotation (or the hire date) to the next. */
  @Column({ name: 'every_months', type: 'integer', nullable: true })
  everyMonths: number | null;

  /** Recurring only: how many weeks before the due week a rotation may start. */
  @Column({ name: 'early_weeks', type: 'integer', nullable: true })
  earlyWeeks: number | null;

  @Column({ name: 'archived_at', type: 'timestamptz', nullable: true })
  archivedAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
