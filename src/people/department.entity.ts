import { Column, CreateDateColumn, Entity, JoinTable, ManyToMany, PrimaryGeneratedColumn, type Relation } from 'typeorm';
import { Employee } from './employee.entity';

@Entity('departments')
export class Department {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ name: 'archived_at', type: 'timestamptz', nullable: true })
  archivedAt: Date | null;

  /** At most this share of the department's active people on rotation in any week (see the planner's limit). */
  @Column({ name: 'max_share_percent', type: 'integer', default: 10 })
  maxSharePercent: number;

  @ManyToMany(() => Employee)
  @JoinTable({
    name: 'department_heads',
    joinColumn: { name: 'department_id' },
    inverseJoinColumn: { name: 'employee_id' },
  })
  heads: Relation<Employee>[];

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
