import NewRowPage from '../../[collection]/new/page';

export const dynamic = 'force-dynamic';

// /hypotheses/[id] would otherwise catch /hypotheses/new: hand it to the generic form.
export default function NewHypothesisPage() {
  return NewRowPage({ params: Promise.resolve({ collection: 'hypotheses' }) });
}
