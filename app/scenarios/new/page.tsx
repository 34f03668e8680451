import NewRowPage from '../../[collection]/new/page';

export const dynamic = 'force-dynamic';

// /scenarios/[id] would otherwise catch /scenarios/new: hand it to the generic form.
export default function NewScenarioPage() {
  return NewRowPage({ params: Promise.resolve({ collection: 'scenarios' }) });
}
