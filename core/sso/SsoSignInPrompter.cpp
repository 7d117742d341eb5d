#include "SsoSignInPrompter.h"

namespace ecr {

SsoSignInView::~SsoSignInView() = default;
SsoSignInPrompter::~SsoSignInPrompter() = default;

} // namespace ecr
