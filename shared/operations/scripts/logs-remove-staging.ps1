param($p)
# Removes the folder logs.prepare made under TEMP for this run, once its snapshots and exports are copied.
$run = [string]$p.run
if ($run -notmatch '^[0-9]{4}-[0-9]{2}-[0-9]{2}T[0-9]{2}-[0-9]{2}-[0-9]{2}Z(-[0-9]{1,3})?$') {
    throw ('{0} is not a collection run id' -f $run)
}
$staging = Join-Path ([System.IO.Path]::GetTempPath()) ('hlk-assist-' + $run)
$existed = Test-Path -LiteralPath $staging
if ($existed) { Remove-Item -LiteralPath $staging -Recurse -Force }
[ordered]@{ staging = $staging; removed = $existed }
