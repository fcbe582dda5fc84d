import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

@Entity('sites')
export class Site {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'text' })
  name: string;

  /** IANA zone, e.g. Europe/Berlin. */
  @Column({ name: 'time_zone', type: 'text' })
  timeZone: string;

  /** ISO 3166-1 alpha-2, for public holidays. */
  @Column({ name: 'country_code', type: 'char', length: 2 })
  countryCode: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
