/** A region's name with the names above it ("寿口区 / 文山街道 / 花源社区"), from its code; the code while loading. */
import { useQuery } from '@tanstack/react-query';
import { Tooltip } from 'antd';
import { regionQueries } from '../../api/regions';
import type { RegionDetail } from '../../api/types';
import { useSession } from '../../app/session';

/** The levels below the city are enough to place it. */
export function regionPathName(region: RegionDetail): string {
  const chain = [...region.path.filter((r) => r.code !== region.code), region];
  return chain
    .slice(-3)
    .map((r) => r.name)
    .join(' / ');
}

export function RegionName({ code }: { code: string }) {
  const { can } = useSession();
  const region = useQuery({ ...regionQueries.detail(code), enabled: can('region:read'), staleTime: Infinity, meta: { silent: true } }).data;
  return <Tooltip title={code}>{region ? regionPathName(region) : code}</Tooltip>;
}
