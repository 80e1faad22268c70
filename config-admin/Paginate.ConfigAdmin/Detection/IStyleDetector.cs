namespace Paginate.ConfigAdmin.Detection;

/// <summary>
/// One well-known pagination shape: looks at the first page in <see cref="DetectionContext"/> and adds the
/// suggestions it supports. Evidence names paths, never values (a next link may carry a key).
/// </summary>
internal interface IStyleDetector
{
    void Detect(DetectionContext context);
}
