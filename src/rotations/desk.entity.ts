import {
  Column,
  CreateDateColumn,
  Entity,
  JoinColumn,
  JoinTable,
  ManyToMany,
  ManyToOne,
  OneToMany,
  PrimaryGeneratedColumn,
  type Relation,
  UpdateDateColumn,
} from 'typeorm';
import { Site } from '../people/site.entity';
import { DeskCapacityOverride } from './desk-capacity-override.entity';

/** A support team that hosts rotating employees, e.g. "EMEA phone". */
@Entity('desks')
export class Desk {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** Unique regardless of case. */
  @Column({ type: 'text' })
  name: string;

  /** The desk's working hours are local to this site's time zone. */
  @Column({ name: 'site_id', type: 'uuid' })
  siteId: string;

  @ManyToOne(() => Site)
  @JoinColumn({ name: 'site_id' })
  site: Relation<Site>;

  /** Empty: the desk hosts employees of every site. */
  @ManyToMany(() => Site)
  @JoinTable({ name: 'desk_hostable_sites', joinColumn: { name: 'desk_id' }, inverseJoinColumn: { name: 'site_id' } })
  hostableSites: Relation<Site>[];

  /** ISO weekdays, 1 = Monday ... 7 = Sunday. */
  @Column({ name: 'working_days', type: 'integer', array: true })
  workingDays: number[];

  /** 'HH:mm:ss' as PostgreSQL returns a time. */
  @Column({ name: 'start_time', type: 'time' })
  startTime: string;

  @Column({ name: 'end_time', type: 'time' })
  endTime: string;

  @Column({ name: 'weekly_capacity', type: 'integer' })
  weeklyCapacity: number;

  /** The fewest hosts the desk wishes for in a week; the coverage report highlights weeks below it. */
  @Column({ name: 'minimum_hosts', type: 'integer', nullable: true })
  minimumHosts: number | null;

  @OneToMany(() => DeskCapacityOverride, (override) => override.desk)
  capacityOverrides: Relation<DeskCapacityOverride>[];

  @Column({ name: 'archived_at', type: 'timestamptz', nullable: true })
  archivedAt: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
