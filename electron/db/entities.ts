import { EntitySchema } from 'typeorm';
import type { Role } from '../../shared/domain/roles';

/**
 * TypeORM entity definitions for the tables services reach through repositories. Declared as
 * EntitySchema (no decorators), so the same code runs under tsx, esbuild and Electron without
 * emitDecoratorMetadata. The tables themselves are created by the migrations, never by synchronize.
 */
export interface UserRecord {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  passwordHash: string;
  disabled: boolean;
  createdAt: string;
  lastLoginAt: string | null;
}

export const UserEntity = new EntitySchema<UserRecord>({
  name: 'User',
  tableName: 'users',
  columns: {
    id: { type: 'text', primary: true },
    username: { type: 'text', unique: true },
    displayName: { type: 'text', name: 'display_name' },
    role: { type: 'text' },
    passwordHash: { type: 'text', name: 'password_hash' },
    disabled: { type: 'boolean' },
    createdAt: { type: 'text', name: 'created_at' },
    lastLoginAt: { type: 'text', name: 'last_login_at', nullable: true },
  },
});

export interface SettingRecord {
  key: string;
  value: string;
}

export const SettingEntity = new EntitySchema<SettingRecord>({
  name: 'Setting',
  tableName: 'settings',
  columns: {
    key: { type: 'text', primary: true },
    value: { type: 'text' },
  },
});

export const ENTITIES = [UserEntity, SettingEntity];
