/** A region's name with the names above it ("寿口区 / 文山街道 / 花源社区"), from its code; the code while loading. */
import { Tooltip } from 'antd';
import { useEffect, useState } from 'react';
import { regionsApi } from '../../api/regions';
import { useSession } from '../../app/session';

const names = new Map<string, Promise<string>>();

function pathName(code: string): Promise<string> {
  let found = names.get(code);
  if (!found) {
    found = regionsApi
      .get(code)
      .then((region) => {
        const chain = [...region.path.filter((r) => r.code !== region.code), region];
        // The levels below the city are enough to place it.
        return chain
          .slice(-3)
          .map((r) => r.name)
          .join(' / ');
      })
      .catch(() => code);
    names.set(code, found);
  }
  return found;
}

export function RegionName({ code }: { code: string }) {
  const { can } = useSession();
  const [name, setName] = useState<string | null>(null);
  const allowed = can('region:read');
  useEffect(() => {
    if (!allowed) return;
    let cancelled = false;
    void pathName(code).then((found) => !cancelled && setName(found));
    return () => {
      cancelled = true;
    };
  }, [code, allowed]);
  return <Tooltip title={code}>{name ?? code}</Tooltip>;
}
