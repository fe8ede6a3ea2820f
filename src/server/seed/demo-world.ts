/** What the demo history needs to know of the company the seed made (demo.ts builds it, demo-history.ts lives in it). */
import type { Role } from '../../domain/access/roles';

export interface DemoWorld {
  companyId: string;
  timeZone: string;
  offices: {
    id: string;
    name: string;
    directorId: string;
    departments: Record<'customerService' | 'engineering' | 'security' | 'cleaning' | 'greening', string>;
  }[];
  /** by username */
  staff: Record<
    string,
    {
      id: string;
      name: string;
      roles: Role[];
      officeIds: string[];
      departmentIds: string[];
      headOfDepartmentIds: string[];
    }
  >;
  departments: { id: string; function: string; headId: string | null }[];
  partnerUnits: {
    id: string;
    relation: 'sister' | 'external';
    service: string;
    name: string;
    contactPerson: string;
    address: string | null;
    phone: string | null;
  }[];
  /** default category code → id and ancestors (nearest first) */
  categories: Map<string, { id: string; ancestorIds: string[] }>;
  communities: {
    id: string;
    officeIndex: number;
    name: string;
    buildings: {
      id: string;
      name: string;
      rooms: { id: string; label: string; occupied: boolean; residents: { name: string; phone: string }[] }[];
    }[];
  }[];
}
