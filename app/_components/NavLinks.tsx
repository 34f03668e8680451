'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';

export interface NavItem {
  href: string;
  label: string;
  /** A count shown beside the label (unseen notifications), with its words for screen readers. */
  count?: { n: number; label: string };
}

export function NavLinks({ groups }: { groups: { title: string; items: NavItem[] }[] }) {
  const pathname = usePathname();
  return (
    <>
      {groups.map((group) => (
        <div className="nav-group" key={group.title || 'top'}>
          {group.title ? <h2 className="nav-title">{group.title}</h2> : null}
          <ul>
            {group.items.map((item) => {
              const active = item.href === '/' ? pathname === '/' : pathname === item.href || pathname.startsWith(`${item.href}/`);
              return (
                <li key={item.href}>
                  <Link href={item.href} aria-current={active ? 'page' : undefined} data-testid={item.count ? 'nav-unseen' : undefined}>
                    {item.label}
                    {item.count && item.count.n > 0 ? (
                      <span className="nav-count" title={item.count.label}>
                        {item.count.n}
                        <span className="sr-only"> ({item.count.label})</span>
                      </span>
                    ) : null}
                  </Link>
                </li>
              );
            })}
          </ul>
        </div>
      ))}
    </>
  );
}
